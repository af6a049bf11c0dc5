import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import type { CliIO } from '../io';

function run(args: string[], cwd = process.cwd()): { code: Promise<number>; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false, cwd };
  return { code: main(['due', ...args], io), out, err };
}

const base = ['--calendar', 'vn', '--from', '2026-02-12T09:00:00+07:00'];

describe('motcua due', () => {
  it('prints the receipt and the due as JSON', async () => {
    const r = run([...base, '--value', '3', '--unit', 'working-day', '--format', 'json']);
    expect(await r.code).toBe(0);
    expect(JSON.parse(r.out.join(''))).toEqual({ receipt: '2026-02-12T09:00:00+07:00', due: '2026-02-24T17:00:00+07:00' });
  });

  it('prints text by default and moves a receipt after closing', async () => {
    const r = run(['--calendar', 'vn', '--from', '2026-03-06T17:30:00+07:00', '--value', '4', '--unit', 'working-hour']);
    expect(await r.code).toBe(0);
    expect(r.out.join('\n')).toBe('receipt  2026-03-09T07:30:00+07:00\ndue      2026-03-09T11:30:00+07:00');
  });

  it('applies pauses in both clock modes and extensions', async () => {
    const common = ['--calendar', 'vn', '--from', '2026-03-09T08:00:00+07:00', '--value', '3', '--unit', 'working-day', '--pause', '2026-03-10T10:00:00+07:00/2026-03-16T14:00:00+07:00', '--format', 'json'];
    const stop = run(common);
    const restart = run([...common, '--clock', 'restart']);
    const extended = run([...common, '--extend', '1']);
    expect(await stop.code).toBe(0);
    expect(JSON.parse(stop.out.join('')).due).toBe('2026-03-19T10:00:00+07:00');
    expect(await restart.code).toBe(0);
    expect(JSON.parse(restart.out.join('')).due).toBe('2026-03-19T17:00:00+07:00');
    expect(await extended.code).toBe(0);
    expect(JSON.parse(extended.out.join('')).due).toBe('2026-03-20T10:00:00+07:00');
  });

  it.each([
    [['--calendar', 'vn', '--from', '2026-02-12T09:00:00', '--value', '3', '--unit', 'working-day'], /--from: .*has no UTC offset/],
    [[...base, '--value', '3', '--unit', 'week'], /--unit must be one of working-day, working-hour, calendar-day/],
    [[...base, '--value=-1', '--unit', 'working-day'], /--value must be a whole number/],
    [[...base, '--unit', 'working-day'], /--value is required/],
    [['--calendar', 'mars', '--from', '2026-02-12T09:00:00+07:00', '--value', '1', '--unit', 'working-day'], /no calendar 'mars' .*known: vn/],
    [[...base, '--value', '1', '--unit', 'working-day', '--pause', '2026-02-12T10:00:00+07:00'], /--pause takes <from>\/<to>/],
  ])('refuses bad arguments with exit 2 (%#)', async (args, message) => {
    const r = run(args);
    expect(await r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
  });

  it('reports calendar errors with file:line:col and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-due-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'timezone: Asia/Ho_Chi_Minh\nweek: [mon, funday]\nhours: [["08:00","17:00"], ["16:00","18:00"]]\n');
    const r = run(['--calendar', file, '--from', '2026-02-12T09:00:00+07:00', '--value', '1', '--unit', 'working-day'], dir);
    expect(await r.code).toBe(1);
    const text = r.err.join('\n');
    expect(text).toContain('bad.yaml:2:13 - error E_CALENDAR_WEEKDAY');
    expect(text).toContain('bad.yaml:3:28 - error E_CALENDAR_OVERLAP');
  });

  it('resolves extends from the library and applies a province override', async () => {
    const lib = mkdtempSync(join(tmpdir(), 'motcua-lib-'));
    mkdirSync(join(lib, 'calendars'));
    writeFileSync(join(lib, 'calendars', 'base.yaml'), 'timezone: Asia/Ho_Chi_Minh\nweek: [mon, tue, wed, thu, fri]\nhours: [["08:00","17:00"]]\n');
    writeFileSync(join(lib, 'calendars', 'province.yaml'), 'extends: base\noverrides:\n  "2026": { holidays: [2026-03-10] }\n');
    const r = run(['--calendar', 'province', '--from', '2026-03-09T09:00:00+07:00', '--value', '1', '--unit', 'working-day', '--format', 'json'], lib);
    expect(await r.code).toBe(0);
    expect(JSON.parse(r.out.join('')).due).toBe('2026-03-11T17:00:00+07:00');
  });

  it('reports a missing base calendar', async () => {
    const lib = mkdtempSync(join(tmpdir(), 'motcua-lib-'));
    mkdirSync(join(lib, 'calendars'));
    writeFileSync(join(lib, 'calendars', 'orphan.yaml'), 'extends: nowhere\n');
    const r = run(['--calendar', 'orphan', '--from', '2026-03-09T09:00:00+07:00', '--value', '1', '--unit', 'working-day'], lib);
    expect(await r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/orphan\.yaml:1:1 - error E_CALENDAR_EXTENDS: .*'nowhere'/);
  });
});
