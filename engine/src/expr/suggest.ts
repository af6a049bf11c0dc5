import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `name`, if close enough to be a plausible typo (at most a third of
 * the name's length, and at least 2, edits away); otherwise undefined.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const all = [...candidates].filter((c) => c !== name);
  if (all.length === 0) return undefined;
  const best = closest(name, all);
  const lower = all.find((c) => c.toLowerCase() === name.toLowerCase());
  if (lower) return lower;
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
