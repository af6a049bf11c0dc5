import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Checker } from './live-diagnostics';

const TEXT = readFileSync('procedures/certification/2.000884-certify-signature.yaml', 'utf8');

describe('live diagnostics (without a worker: on the main thread, after the frame)', () => {
  it('checks a burst of edits once on the newest text, after the one in flight', async () => {
    const checker = new Checker();
    const seen: { text: string; errors: number }[] = [];
    const settled = new Promise<void>((resolve) => {
      checker.subscribe(({ text, diagnostics }) => {
        seen.push({ text, errors: diagnostics.filter((d) => d.severity === 'error').length });
        if (seen.length === 2) resolve();
      });
    });
    const broken = TEXT.replace(/^code:/m, 'xcode:');
    checker.check(TEXT, 'a.yaml', {});
    checker.check(`${TEXT}\n# typing`, 'a.yaml', {});
    checker.check(broken, 'a.yaml', {});
    await settled;
    expect(seen.map((s) => s.text)).toEqual([TEXT, broken]);
    expect(seen[0]?.errors).toBe(0);
    expect(seen[1]?.errors).toBeGreaterThan(0);
  });
});
