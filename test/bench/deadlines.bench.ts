/**
 * One million statutory deadlines on the `vn` calendar (target: >= 200 000 per second).
 * The baseline, measured in the same run, is the naive method: walk day by day, asking for
 * each day whether it is worked. Ratios > 1 mean faster than the baseline.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closeOfDay,
  compileCalendar,
  computeDue,
  isWorkingDay,
  localDay,
  resumeClock,
  startClock,
  suspendClock,
  toReceipt,
  type CalendarFile,
  type Duration,
  type WorkingCalendar,
  parseSource,
} from 'motcua/engine';

const N = 1_000_000;
const here = dirname(fileURLToPath(import.meta.url));

/** Deterministic inputs (a linear congruential generator), drawn before any timing. */
function inputs(n: number): { at: Float64Array; values: Int32Array } {
  let seed = 20_260_213;
  const next = (): number => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const from = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2030, 0, 1) - from;
  const at = new Float64Array(n);
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    at[i] = from + Math.floor(next() * span);
    values[i] = 1 + Math.floor(next() * 30);
  }
  return { at, values };
}

/** The naive working-day due: walk day by day. */
function naiveWorkingDayDue(cal: WorkingCalendar, at: number, n: number): number {
  let day = localDay(cal, toReceipt(cal, at));
  for (let left = n; left > 0; ) {
    day++;
    if (isWorkingDay(cal, day)) left--;
  }
  return closeOfDay(cal, day);
}

function time(label: string, fn: () => number): number {
  fn(); // warm-up on the same data
  const t0 = performance.now();
  const sink = fn();
  const ms = performance.now() - t0;
  const rate = (N / ms) * 1000;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round(rate).toLocaleString('en-US').padStart(11)} /s  (checksum ${sink % 1000})`);
  return rate;
}

export function run(): Promise<void> {
  const file = join(here, '../../procedures/calendars/vn.yaml');
  const t0 = performance.now();
  const cal = compileCalendar(parseSource(readFileSync(file, 'utf8'), file).value as CalendarFile);
  console.log(`compile vn (2013-2060, lunar rules): ${(performance.now() - t0).toFixed(0)} ms`);
  const { at, values } = inputs(N);
  const units: Duration['unit'][] = ['working-day', 'working-hour', 'calendar-day'];

  const baseline = time('baseline: naive day walk, working-day', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += naiveWorkingDayAfterCheck(cal, at[i]!, values[i]!);
    return s;
  });
  const rates: Record<string, number> = {};
  for (const unit of units) {
    rates[unit] = time(`computeDue ${unit}`, () => {
      let s = 0;
      for (let i = 0; i < N; i++) s += computeDue(cal, at[i]!, { value: values[i]!, unit }) % 997;
      return s;
    });
  }
  const mixed = time('computeDue, units mixed', () => {
    let s = 0;
    for (let i = 0; i < N; i++) s += computeDue(cal, at[i]!, { value: values[i]!, unit: units[i % 3]! }) % 997;
    return s;
  });
  const clock = time('startClock + suspend + resume (stop)', () => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const c = startClock(cal, at[i]!, { value: values[i]!, unit: 'working-day' }, 'stop');
      const p = c.receipt + 86_400_000;
      s += resumeClock(cal, suspendClock(cal, c, p), p + 3 * 86_400_000).due % 997;
    }
    return s;
  });

  console.log('');
  for (const unit of units) console.log(`ratio ${unit} / baseline: ${(rates[unit]! / baseline).toFixed(1)}x`);
  console.log(`ratio mixed / baseline: ${(mixed / baseline).toFixed(1)}x; clock cycle / baseline: ${(clock / baseline).toFixed(1)}x`);
  console.log(`target 200,000 deadlines/s: ${mixed >= 200_000 ? 'met' : 'NOT met'} (${Math.round(mixed).toLocaleString('en-US')}/s mixed)`);
  return Promise.resolve();
}

function naiveWorkingDayAfterCheck(cal: WorkingCalendar, at: number, n: number): number {
  return naiveWorkingDayDue(cal, at, n) % 997;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
