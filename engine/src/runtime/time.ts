import { formatInstant } from '../calendar/instant';
import type { RuntimeEnv } from './types';

/** An instant (default: now) as an ISO string in the calendar's zone, with its offset. */
export function formatAt(env: RuntimeEnv, ms: number = env.now): string {
  return formatInstant(ms, env.calendar);
}
