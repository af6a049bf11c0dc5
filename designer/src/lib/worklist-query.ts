/** The worklist's query string: filters an officer picks, and the cursor of the next page. */

export const WORK_FILTERS = { all: 'all', overdue: 'overdue', dueSoon: 'due-soon' } as const;
export type WorkFilter = (typeof WORK_FILTERS)[keyof typeof WORK_FILTERS];

export interface WorklistParams {
  filter: WorkFilter;
  /** Procedure code, or '' for every procedure. */
  procedure: string;
  limit: number;
  /** Opaque cursor from the previous page's `next`. */
  after?: string;
}

/** `/api/worklist?...` for the given filters. */
export function worklistUrl(p: WorklistParams): string {
  const q = new URLSearchParams({ limit: String(p.limit) });
  if (p.filter === WORK_FILTERS.overdue) q.set('overdue', 'true');
  if (p.filter === WORK_FILTERS.dueSoon) q.set('dueSoon', 'true');
  if (p.procedure) q.set('procedure', p.procedure);
  if (p.after) q.set('after', p.after);
  return `/api/worklist?${q.toString()}`;
}
