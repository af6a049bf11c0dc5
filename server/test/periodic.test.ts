import { describe, expect, it } from 'vitest';
import { startPeriodic } from '../src/background/periodic';

describe('startPeriodic (the one loop behind timers, outbox and notifications)', () => {
  it('runs a forced pass after the pass under way, never two at once', async () => {
    let active = 0;
    let most = 0;
    const order: number[] = [];
    let n = 0;
    const loop = startPeriodic(
      async () => {
        const me = ++n;
        active += 1;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 20));
        order.push(me);
        active -= 1;
        return me;
      },
      { intervalMs: 60_000, label: 'test' },
    );
    const [a, b, c] = await Promise.all([loop.run(), loop.run(), loop.run()]);
    expect([a, b, c]).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(most).toBe(1);
    await loop.stop();
  });

  it('logs a failed scheduled pass with its label and goes on', async () => {
    const lines: string[] = [];
    let calls = 0;
    const loop = startPeriodic(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database away')) : Promise.resolve(calls);
      },
      { intervalMs: 5, label: 'outbox', log: (l) => lines.push(l) },
    );
    await expect.poll(() => calls, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    await loop.stop();
    expect(lines[0]).toBe('outbox: database away');
    const after = calls;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(after);
  });
});
