import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIO } from '../io';

const PROCEDURE = `code: "9.000001"
version: 1.0.0
name: { vi: Thử }
sector: civil-status
level: commune
deadline: { value: 1, unit: working-day }
steps:
  - id: verify
    kind: task
    role: civil-status-officer
    actions:
      approve: { to: approved }
      reject: { to: rejected }
outcomes:
  approved: { status: done }
  rejected: { status: rejected }
`;

async function run(args: string[], files: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-compile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd: dir };
  const code = await main(['compile', ...args], io);
  return { code, out: out.join(''), err: err.join('\n') };
}

describe('motcua compile', () => {
  it('prints the machine config as JSON by default, the same text every time', async () => {
    const a = await run(['p.yaml'], { 'p.yaml': PROCEDURE });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({ id: '9.000001', initial: 'verify', states: { approved: { type: 'final' } } });
    expect((await run(['p.yaml'], { 'p.yaml': PROCEDURE })).out).toBe(a.out);
  });

  it('prints a Mermaid diagram', async () => {
    const r = await run(['p.yaml', '--format', 'mermaid'], { 'p.yaml': PROCEDURE });
    expect(r.code).toBe(0);
    expect(r.out).toContain('stateDiagram-v2\n');
    expect(r.out).toContain('verify --> approved: approve');
  });

  it('reports diagnostics with file:line:col and exits 1 on an invalid file', async () => {
    const r = await run(['p.yaml'], { 'p.yaml': PROCEDURE.replace('to: approved', 'to: nowhere') });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^p\.yaml:\d+:\d+ - error E_/m);
    expect(r.err).toContain('nowhere');
  });

  it('exits 2 on usage errors and 1 on a missing file', async () => {
    expect((await run([], {})).code).toBe(2);
    expect((await run(['p.yaml', '--format', 'png'], { 'p.yaml': PROCEDURE })).code).toBe(2);
    const missing = await run(['nope.yaml'], {});
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('ENOENT');
  });
});
