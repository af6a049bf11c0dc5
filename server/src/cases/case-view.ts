/** The API's view of a case: the row, the engine's summary of its state, its timeline. */
import type { CaseView } from 'motcua/contract';
import { filerView, type Procedure, type RecordBearing, type Step, type CaseEvent } from 'motcua/engine';
import type { Sql } from '../db';
import type { ProcedureRegistry } from '../procedures';
import { FINAL_STATUSES, type CaseRow } from './case-row';
import type { CaseEngine, CaseSummary } from './engine-port';

/** What `GET /api/cases/:id` answers. */
export type { CaseView } from 'motcua/contract';

export interface ViewDeps<C> {
  engine: CaseEngine<C>;
  registry: ProcedureRegistry<C>;
  now: () => Date;
}

/** The case's timeline, oldest first. */
export async function readTimeline(sql: Sql, caseId: string): Promise<CaseEvent[]> {
  const rows = await sql.all<{ body: string }>('SELECT body FROM case_events WHERE case_id = ? ORDER BY seq', [caseId]);
  return rows.map((e) => JSON.parse(e.body) as CaseEvent);
}

/**
 * The case with its timeline and its child and linked cases, read through `sql` (the
 * transaction that wrote them, or a read connection). `known` holds what the caller already has.
 * Both reads are sent before either is awaited (one round trip on PostgreSQL); `sent` is called
 * once they are on their way, when there were any (a transaction may send its COMMIT then).
 */
export async function withTimeline<C>(d: ViewDeps<C>, row: CaseRow, sql: Sql, known?: { summary?: CaseSummary; timeline?: CaseEvent[] }, viewer?: Viewer, sent?: () => void): Promise<CaseView> {
  const id = row.id;
  const procedure = safeResolve(d, row.procedure_code, row.procedure_version)?.procedure;
  const timelineRead = known?.timeline ? undefined : readTimeline(sql, id);
  const childrenRead = !procedure || startsCases(procedure) ? sql.all<CaseRow>('SELECT * FROM cases WHERE parent_id = ? ORDER BY submitted_at, id', [id]) : undefined;
  if (sent && (timelineRead || childrenRead)) sent();
  const [events, children] = await Promise.all([timelineRead ?? known?.timeline ?? [], childrenRead ?? []]);
  return {
    ...caseView(d, row, known?.summary, viewer),
    timeline: events,
    ...(row.parent_id ? { parent: { id: row.parent_id, ...(row.parent_step ? { step: row.parent_step } : {}) } } : {}),
    ...(children.length
      ? {
          children: children.map((c) => {
            const v = caseView(d, c);
            return { id: c.id, procedure: c.procedure_code, ...(c.parent_step ? { step: c.parent_step } : {}), status: v.status, steps: v.steps, ...(v.outcome ? { outcome: v.outcome } : {}), version: c.version };
          }),
        }
      : {}),
  };
}

/** Whether cases of this procedure can start others (a `procedure` step or linked procedures). */
function startsCases(p: Procedure): boolean {
  if (p.linked?.length) return true;
  const walk = (steps: readonly Step[]): boolean =>
    steps.some((s) => s.kind === 'procedure' || (s.kind === 'parallel' && Object.values(s.branches).some(walk)));
  return walk(p.steps);
}

/**
 * What the API shows of a case row: the engine summarizes the stored state, unless the caller
 * has just computed its summary (`known`, after a transition).
 */
export function caseView<C>(d: ViewDeps<C>, row: CaseRow, known?: CaseSummary, viewer?: Viewer): CaseView {
    const entry = safeResolve(d, row.procedure_code, row.procedure_version);
    const s: CaseSummary | undefined = known ?? (entry?.compiled === undefined ? undefined : d.engine.summarize(entry.compiled, JSON.parse(row.state) as unknown));
    // A closed case has no running due (due_at is cleared), but still shows the one it was held
    // to; a case awaiting consent was not received and is held to none yet (the engine gives none).
    const due = row.due_at ?? (s?.deadline ? Date.parse(s.deadline) : undefined);
    const view: CaseView = {
      id: row.id,
      procedure: {
        code: row.procedure_code,
        version: row.procedure_version,
        ...(entry?.procedure.name?.vi ? { name: entry.procedure.name.vi } : {}),
        ...(entry?.procedure.agency?.vi ? { agency: entry.procedure.agency.vi } : {}),
      },
      unit: row.unit_id,
      applicant: row.applicant_id,
      status: row.status,
      steps: s?.steps ?? [],
      tasks: s?.tasks ?? [],
      ...(s?.outcome ? { outcome: s.outcome } : {}),
      ...(s?.onTime !== undefined ? { onTime: s.onTime } : {}),
      ...(due !== undefined ? { due: new Date(due).toISOString() } : {}),
      overdue: due !== undefined && !FINAL_STATUSES.has(row.status) && due < d.now().getTime(),
      ...(s?.fees ? { fees: s.fees } : {}),
      ...(s?.components ? { components: s.components } : {}),
      ...(s?.prefilled ? { prefilled: s.prefilled } : {}),
      ...(s?.data !== undefined ? { data: s.data } : {}),
      ...(consentsOf(s)),
      version: row.version,
      submittedAt: new Date(row.submitted_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
    return viewer ? seenBy(viewer, view, s) : view;
  }

/** Who reads a case view: a citizen (the applicant) sees it through `filerView`. */
export interface Viewer {
  nationalId: string | undefined;
}

/**
 * The case as its filer may see it: records read under the national ID of another person the
 * case names are left out, only the status and provenance of what they replaced or prefilled
 * stay (the engine's `filerView`). Officers are given no viewer: they see what their work needs.
 */
function seenBy(viewer: Viewer, view: CaseView, s: CaseSummary | undefined): CaseView {
  const others = s?.subjects ? new Set(s.subjects.filter((x) => x.nationalId !== viewer.nationalId).map((x) => x.nationalId)) : undefined;
  return filerView(view as CaseView & RecordBearing, viewer.nationalId, others);
}

/**
 * The consents a case asks for, as the case view lists them (never the people's IDs or
 * records): given, awaited, or closed (the case closed before that consent, as `case_consents` says).
 */
function consentsOf(s: CaseSummary | undefined): Pick<CaseView, 'consents'> {
  const list = (s?.subjects ?? []).filter((x) => x.status === 'awaiting-consent' || x.status === 'consented');
  const closed = s !== undefined && FINAL_STATUSES.has(s.status);
  const status = (x: (typeof list)[number]): 'given' | 'closed' | 'awaiting' => (x.status === 'consented' ? 'given' : closed ? 'closed' : 'awaiting');
  return list.length ? { consents: list.map((x) => ({ subject: x.id, relation: x.relation, status: status(x) })) } : {};
}

function safeResolve<C>(d: ViewDeps<C>, code: string, version: string) {
    try {
      return d.registry.resolve(code, version);
    } catch {
      return undefined;
    }
  }

