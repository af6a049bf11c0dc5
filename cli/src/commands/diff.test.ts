import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIO } from '../io';

const repo = resolve(import.meta.dirname, '../../..');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd: repo };
  const code = await main(['diff', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('motcua diff <overlay>', () => {
  it("shows what a province's overlay changed from the national version it builds on", async () => {
    const r = await run(['procedures/construction/1.009994-nghe-an-construction-permit-individual-house.yaml', '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const diff = JSON.parse(r.out) as { from: unknown; to: unknown; changes: { kind: string; area: string; path: string; before?: { amount?: number }; after?: { amount?: number } }[] };
    expect(diff.from).toEqual({ code: '1.009994', version: '1.1.0' });
    expect(diff.to).toEqual({ code: '1.009994-nghe-an', version: '1.0.0' });
    const fee = diff.changes.find((c) => c.path === 'fees.permit');
    expect([fee?.before?.amount, fee?.after?.amount]).toEqual([75000, 50000]);
    expect(diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(expect.arrayContaining(['changed agency', 'added addresses', 'added components.site-photos']));
    expect(diff.changes.some((c) => c.area === 'step' || c.area === 'deadline')).toBe(false);
  });

  it('asks for a second file when the one given is a national procedure', async () => {
    const r = await run(['procedures/construction/1.009994-construction-permit-individual-house.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not an overlay/);
  });
});
