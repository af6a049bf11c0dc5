import { describe, expect, it } from 'vitest';
import type { Fee } from 'motcua/engine';
import { estimateFees } from './fee-estimate';

const schema = { type: 'object', properties: { copies: { type: 'integer' }, late: { type: 'boolean' }, poor: { type: 'boolean', default: false } } };
const fees: Fee[] = [
  { id: 'base', amount: 10000 },
  { id: 'late', amount: 5000, when: 'data.late' },
  { id: 'copies', amount: 8000, quantity: 'data.copies' },
  { id: 'issue', amount: 100000, exempt: 'data.poor' },
];

describe('estimateFees', () => {
  it('computes every line once the fields are filled', () => {
    const e = estimateFees(fees, schema, { copies: 2, late: true });
    expect(e.partial).toBe(false);
    expect(e.total).toBe(10000 + 5000 + 16000 + 100000);
  });
  it('applies exemptions and conditions', () => {
    const e = estimateFees(fees, schema, { copies: 0, late: false, poor: true });
    expect(e.total).toBe(10000);
    expect(e.lines.find((l) => l.id === 'late')?.applies).toBe(false);
    expect(e.lines.find((l) => l.id === 'issue')?.exempt).toBe(true);
  });
  it('marks lines it cannot decide yet instead of guessing', () => {
    const e = estimateFees(fees, schema, {});
    expect(e.partial).toBe(true);
    expect(e.lines.find((l) => l.id === 'copies')?.total).toBe('unknown');
    expect(e.total).toBe(10000 + 100000);
  });
  it('reads the channel the case is filed through: the portal files online', () => {
    const online: Fee[] = [{ id: 'charge', amount: 15000, exempt: "case.channel == 'online'" }];
    expect(estimateFees(online, schema, {}).total).toBe(0);
    expect(estimateFees(online, schema, {}, { channel: 'counter' }).total).toBe(15000);
  });
});
