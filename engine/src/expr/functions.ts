/**
 * Functions the procedure format adds to CEL. Each is pure: the clock reaches an expression
 * only through `case.submittedAt`, so that the same case computes the same value in the
 * scenario runner and on the server.
 */
import type { Environment } from '@marcbachmann/cel-js';

const DAY_MS = 86_400_000;
/** Vietnam keeps UTC+7 all year (no daylight saving): a timestamp's date is its date there. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number (days since 1970-01-01) of an ISO date (`2026-03-01`) or timestamp
 * (`2026-03-01T08:00:00+07:00`, read as its date in Vietnam). Throws on anything else, which the
 * expression cache turns into an `E_CEL_EVALUATION` refusal naming the expression.
 */
export function vietnamDayNumber(text: string): number {
  const m = DATE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / DAY_MS;
  } else if (text.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
  }
  throw new Error(`'${text.slice(0, 40)}' is not a date (YYYY-MM-DD) or a timestamp`);
}

/** Registers the format's functions on a CEL environment. */
export function registerFormatFunctions(env: Environment): Environment {
  return env.registerFunction(
    'daysBetween(string, string): int',
    (from: string, to: string) => BigInt(vietnamDayNumber(to) - vietnamDayNumber(from)),
    { description: 'Calendar days from the first date to the second (negative when the second is earlier), dates read in Vietnam time' },
  );
}
