import type { DraftSummary } from 'motcua/contract';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../lib/api';
import { isStale, mayReview, refusalDiagnostics } from './drafts-api';

const draft = { id: 'd-1', status: 'submitted', revision: 2, createdBy: 'a', editors: ['a', 'b'], contentHash: 'h', createdAt: '', updatedAt: '' } as DraftSummary;
const approver = (id: string) => ({ id, name: id, kind: 'author', roles: [{ role: 'procedure-approver', unit: 'u' }] });

describe('the lifecycle client', () => {
  it('four eyes: an approver who edited the draft may not review it, an author without the role neither', () => {
    expect(mayReview(approver('c'), draft)).toBe(true);
    expect(mayReview(approver('b'), draft)).toBe(false);
    expect(mayReview({ id: 'c', name: 'c', kind: 'author' }, draft)).toBe(false);
    expect(mayReview(null, draft)).toBe(false);
  });

  it("reads a refusal's diagnostics with their paths, and a stale save", () => {
    const refused = toApiError(422, { error: { code: 'E_INVALID_DEFINITION', message: 'invalid', details: [{ file: 'x', line: 4, column: 3, code: 'E_UNKNOWN_ROLE', severity: 'error', message: 'no role', path: 'steps[0].role' }, { nonsense: true }] } });
    expect(refusalDiagnostics(refused)).toEqual([expect.objectContaining({ code: 'E_UNKNOWN_ROLE', path: 'steps[0].role', line: 4 })]);
    expect(refusalDiagnostics(new Error('x'))).toEqual([]);
    expect(isStale(toApiError(409, { error: { code: 'E_DRAFT_STALE', message: 'stale' } }))).toBe(true);
    expect(isStale(toApiError(409, { error: { code: 'E_VERSION_PUBLISHED', message: 'other' } }))).toBe(false);
  });
});
