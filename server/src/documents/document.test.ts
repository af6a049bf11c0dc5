import { describe, expect, it } from 'vitest';
import { documentNumber, statusOf } from './document';

describe('documentNumber', () => {
  it('counts the year in Vietnam time and pads the outbox id', () => {
    expect(documentNumber(42, Date.parse('2026-06-01T00:00:00Z'))).toBe('KQ-2026-00000042');
    // 31 Dec 2025 18:00 UTC is already 1 Jan 2026 in Hà Nội.
    expect(documentNumber(7, Date.parse('2025-12-31T18:00:00Z'))).toBe('KQ-2026-00000007');
    expect(documentNumber(7, Date.parse('2025-12-31T16:59:59Z'))).toBe('KQ-2025-00000007');
  });
});

describe('statusOf', () => {
  it('is revoked, expired after validUntil, else valid', () => {
    expect(statusOf({ status: 'revoked', valid_until: null }, 0)).toBe('revoked');
    expect(statusOf({ status: 'valid', valid_until: 1000 }, 1000)).toBe('valid');
    expect(statusOf({ status: 'valid', valid_until: 1000 }, 1001)).toBe('expired');
    expect(statusOf({ status: 'valid', valid_until: null }, 1e15)).toBe('valid');
  });
});
