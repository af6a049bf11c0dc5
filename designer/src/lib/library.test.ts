import { describe, expect, it } from 'vitest';
import { LIBRARY, toEntries } from './library';

const NATIONAL = `code: "9.1"
version: 1.0.0
name: { vi: Quốc gia }
sector: s
level: commune
fees: [{ id: f, amount: 1000 }]
overridable: { fees.f.amount: { min: 0, max: 5000 } }
deadline: { value: 1, unit: working-day }
steps: [{ id: a, kind: task, role: r, actions: { ok: { to: done } } }]
outcomes: { done: { status: done } }
`;
const OVERLAY = (amount: number) => `code: "9.1-x"
version: 1.0.0
extends: { code: "9.1", version: "^1.0.0" }
scope: { province: x }
overrides: { fees.f.amount: ${amount} }
`;

describe('the bundled library', () => {
  it('holds an overlay resolved against its national version, and skips one that does not resolve', () => {
    const entries = toEntries({ '../n.yaml': NATIONAL, '../o.yaml': OVERLAY(3000), '../bad.yaml': OVERLAY(9000).replace('9.1-x', '9.1-y') });
    expect(entries.map((e) => e.procedure.code)).toEqual(['9.1', '9.1-x']);
    const overlay = entries[1]!.procedure;
    expect(overlay.fees).toEqual([{ id: 'f', amount: 3000 }]);
    expect(overlay.steps).toHaveLength(1);
    expect(overlay.overlay?.base).toEqual({ code: '9.1', version: '1.0.0' });
  });

  it("bundles the library's overlay example as a full procedure", () => {
    const nghean = LIBRARY.find((e) => e.procedure.code === '1.009994-nghe-an');
    expect(nghean?.procedure.fees?.[0]?.amount).toBe(50000);
    expect(nghean?.procedure.steps.length).toBeGreaterThan(3);
  });
});
