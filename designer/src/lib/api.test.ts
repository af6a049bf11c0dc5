import { describe, expect, it } from 'vitest';
import { ApiError, errorText, toApiError } from './api';

describe('toApiError', () => {
  it('reads the server error body', () => {
    const e = toApiError(422, { error: { code: 'E_MISSING_COMPONENTS', message: 'Missing: a, b', hint: 'Upload them', details: ['a', 'b'] } });
    expect(e).toMatchObject({ status: 422, code: 'E_MISSING_COMPONENTS', message: 'Missing: a, b', hint: 'Upload them', details: ['a', 'b'] });
  });
  it('survives bodies that are not JSON errors', () => {
    expect(toApiError(502, undefined)).toMatchObject({ code: 'HTTP_502', message: 'Lỗi máy chủ (HTTP 502)' });
  });
});

describe('errorText', () => {
  it('says a 409 without a known code means someone else changed the case', () => {
    expect(errorText(new ApiError(409, 'E_CONFLICT', 'stale version'))).toContain('tải lại');
  });
  it("shows an unknown code's message, hint and code otherwise", () => {
    expect(errorText(new ApiError(400, 'E_X', 'Bad', 'Do Y'))).toBe('Bad Do Y (E_X)');
  });
});
