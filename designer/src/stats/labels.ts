/**
 * What the dashboard needs besides its texts (which live in `locales/<lng>/stats.json`: the
 * groups and indicators of the 766 index, the periods; levels are in `common`): the order of
 * the index's groups and percentages formatted for the language shown. No raw id is shown.
 */
import type { Group766 } from 'motcua/contract';
import { formatNumber } from '../lib/format';

/** The 766 index's groups, in the order of the decision. */
export const GROUP_IDS: readonly Group766['id'][] = ['transparency', 'progress', 'online-services', 'online-payment', 'digitization', 'satisfaction'];

/** A percentage for display (`—` when there is nothing to divide). */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${formatNumber(x * 100, { maximumFractionDigits: 1 })}%`;
}
