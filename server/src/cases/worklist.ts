/**
 * An officer's worklist: the open tasks of the units and roles they hold, ordered by due
 * (soonest first), with overdue and due-soon flags, filters and keyset pagination (a cursor,
 * so that page 1,000 costs what page 1 costs, even with a million cases). Due-soon is the
 * engine's (`clockStatus`: the last fifth of the time allowed), read from the instant each
 * transition stores on the work item (`due_soon_at`), so the flag, the `dueSoon` filter and
 * the timeline's `due-soon` event agree.
 *
 * Each item carries the applicant's display name and the unit's name, read for the whole page
 * by primary key in one query each (no lookup per row): the officer reads names, not ids. The applicant's
 * name is personal data read for the purpose the worklist declares: the officer may act on
 * every task listed (their unit, role and level), and names no one else.
 */
import type { Knex } from 'knex';
import type { WorklistPage } from 'motcua/contract';
import { RefusalError } from 'motcua/engine';
import { forbidden, type Principal } from '../auth';
import { NO_DUE } from './case-row';

export interface WorklistQuery {
  procedure?: string;
  step?: string;
  /** Only overdue (true) or only not overdue (false). */
  overdue?: boolean;
  dueSoon?: boolean;
  unit?: string;
  limit: number;
  /** Opaque cursor from the previous page's `next`. */
  after?: string;
}

export type { WorkItem, WorklistPage } from 'motcua/contract';

interface Row {
  case_id: string;
  step: string;
  role: string;
  unit_id: string;
  due_at: number;
  due_soon_at: number | null;
  procedure_code: string;
  applicant_id: string;
  status: string;
  version: number;
}

/** One page of the principal's worklist at `now` (due-soon is the engine's instant, stored on each work item). */
export async function worklist(knex: Knex, principal: Principal, q: WorklistQuery, now: number): Promise<WorklistPage> {
  if (principal.kind !== 'officer') throw forbidden();
  const grants = principal.roles.filter((r) => !q.unit || r.unit === q.unit);
  if (!grants.length) return { items: [] };
  const qb = knex('work_items as w')
    .join('cases as c', 'c.id', 'w.case_id')
    .where((b) => {
      for (const g of grants) {
        void b.orWhere((o) => {
          void o.where('w.unit_id', g.unit).andWhere('w.role', g.role).andWhere((l) => void l.whereNull('w.level').orWhere('w.level', g.level));
        });
      }
    })
    .select('w.case_id', 'w.step', 'w.role', 'w.unit_id', 'w.due_at', 'w.due_soon_at', 'c.procedure_code', 'c.applicant_id', 'c.status', 'c.version')
    .orderBy('w.due_at')
    .orderBy('w.case_id')
    .orderBy('w.step')
    .limit(q.limit + 1);
  if (q.procedure) void qb.andWhere('c.procedure_code', q.procedure);
  if (q.step) void qb.andWhere('w.step', q.step);
  if (q.overdue === true) void qb.andWhere('w.due_at', '<', now);
  if (q.overdue === false) void qb.andWhere('w.due_at', '>=', now);
  if (q.dueSoon === true) void qb.andWhere('w.due_at', '>=', now).andWhere('w.due_soon_at', '<=', now);
  if (q.after) {
    const [due, id, step] = decodeCursor(q.after);
    void qb.andWhere((b) => {
      void b
        .where('w.due_at', '>', due)
        .orWhere((o) => void o.where('w.due_at', due).andWhere('w.case_id', '>', id))
        .orWhere((o) => void o.where('w.due_at', due).andWhere('w.case_id', id).andWhere('w.step', '>', step));
    });
  }
  const rows = (await qb) as Row[];
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const [applicants, units] = await Promise.all([namesOf(knex, 'users', page.map((r) => r.applicant_id)), namesOf(knex, 'units', page.map((r) => r.unit_id))]);
  return {
    items: page.map((r) => {
      const due = Number(r.due_at);
      const hasDue = due !== NO_DUE;
      const soon = r.due_soon_at === null ? undefined : Number(r.due_soon_at);
      const unitName = units.get(r.unit_id);
      const applicantName = applicants.get(r.applicant_id);
      return {
        caseId: r.case_id,
        step: r.step,
        role: r.role,
        unit: r.unit_id,
        ...(unitName ? { unitName } : {}),
        procedure: r.procedure_code,
        applicant: r.applicant_id,
        ...(applicantName ? { applicantName } : {}),
        status: r.status,
        ...(hasDue ? { due: new Date(due).toISOString() } : {}),
        overdue: hasDue && due < now,
        dueSoon: hasDue && soon !== undefined && soon <= now && due >= now,
        version: r.version,
      };
    }),
    ...(rows.length > q.limit && last ? { next: encodeCursor(Number(last.due_at), last.case_id, last.step) } : {}),
  };
}

/**
 * The names of a page's applicants or units, by primary key in one query (at most `limit`
 * distinct ids). Kept out of the page's own query, so that its plan (the walk of the due-order
 * index over a million work items, `npm run bench -- worklist-due-soon`) is the one measured.
 */
async function namesOf(knex: Knex, table: 'users' | 'units', ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await knex<{ id: string; name: string }>(table).whereIn('id', unique).select('id', 'name');
  return new Map(rows.map((r) => [r.id, r.name]));
}

function encodeCursor(due: number, id: string, step: string): string {
  return Buffer.from(JSON.stringify([due, id, step])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string' && typeof v[2] === 'string') return [v[0], v[1], v[2]];
  } catch {
    // fall through to the refusal below
  }
  throw new RefusalError('E_BAD_CURSOR', 'The `after` cursor is not one this server issued', [], {
    status: 400,
    path: 'after',
    hint: 'Use the `next` value of the previous page, unchanged.',
  });
}
