import { describe, expect, it } from 'vitest';
import { documentNumber, randomSuffix, statusOf } from './document';

describe('documentNumber', () => {
  it('counts the year in Vietnam time and pads the outbox id', () => {
    expect(documentNumber(42, Date.parse('2026-06-01T00:00:00Z'), 'ABC234')).toBe('KQ-2026-00000042-ABC234');
    // 31 Dec 2025 18:00 UTC is already 1 Jan 2026 in Hà Nội.
    expect(documentNumber(7, Date.parse('2025-12-31T18:00:00Z'), 'X')).toBe('KQ-2026-00000007-X');
    expect(documentNumber(7, Date.parse('2025-12-31T16:59:59Z'), 'X')).toBe('KQ-2025-00000007-X');
  });
  it('ends in a random suffix of unambiguous characters, so numbers cannot be walked through', () => {
    const suffixes = new Set(Array.from({ length: 200 }, () => randomSuffix()));
    expect(suffixes.size).toBeGreaterThan(190);
    for (const s of suffixes) expect(s).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(documentNumber(1, 0)).toMatch(/^KQ-1970-00000001-[A-HJKMNP-Z2-9]{6}$/);
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
