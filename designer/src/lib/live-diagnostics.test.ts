import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
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

describe('live diagnostics reused by the editor that opens on a prepared text', () => {
  it('answers a text already in flight once, and keeps the newest answer for an editor opening on it', async () => {
    const checker = new Checker();
    const seen: string[] = [];
    const context = {};
    const first = new Promise<void>((resolve) => {
      checker.subscribe(({ text }) => {
        seen.push(text);
        resolve();
      });
    });
    checker.check(TEXT, 'a.yaml', context);
    expect(checker.resultFor(TEXT, 'a.yaml', context)).toBeUndefined();
    // The editor mounts and asks for the same text while it is being checked: no second check.
    checker.check(TEXT, 'a.yaml', context);
    await first;
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([TEXT]);
    expect(checker.resultFor(TEXT, 'a.yaml', context)?.filter((d) => d.severity === 'error')).toEqual([]);
    // Another file name or context is another check.
    expect(checker.resultFor(TEXT, 'b.yaml', context)).toBeUndefined();
    expect(checker.resultFor(TEXT, 'a.yaml', {})).toBeUndefined();
  });

  it('gives back the newest answer, without checking again, when the text returns to it', async () => {
    const checker = new Checker();
    const context = {};
    const answers: { text: string; errors: number }[] = [];
    checker.subscribe(({ text, diagnostics }) => answers.push({ text, errors: diagnostics.filter((d) => d.severity === 'error').length }));
    const broken = TEXT.replace(/^code:/m, 'xcode:');
    checker.check(broken, 'a.yaml', context);
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    const before = checker.resultFor(broken, 'a.yaml', context);
    checker.check(broken, 'a.yaml', context);
    // Emitted at once (no check in flight), the very same findings.
    expect(answers).toHaveLength(2);
    expect(answers[1]?.text).toBe(broken);
    expect(answers[1]?.errors).toBeGreaterThan(0);
    expect(checker.resultFor(broken, 'a.yaml', context)).toBe(before);
  });
});
