/** An officer's worklist (`GET /api/worklist`): ordered by due, overdue and due-soon flagged. */
import type { SessionUser } from '../lib/api';
import { DUE_LABELS, dueState, formatDateTime } from '../lib/format';
import { findEntry } from '../lib/library';
import { href } from '../lib/route';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

interface WorkItem {
  caseId: string;
  step: string;
  role: string;
  unit: string;
  procedure: string;
  applicant: string;
  status: string;
  due?: string;
  overdue: boolean;
  dueSoon: boolean;
  version: number;
}

export function WorklistPage({ user }: { user: SessionUser | null }) {
  const work = useApi<{ items: WorkItem[]; next?: string }>(user ? '/api/worklist?limit=100' : null);
  if (!user) return <SignInFirst back={['worklist']} />;
  const items = work.data?.items ?? [];
  const now = new Date();
  return (
    <section>
      <div className="page-head">
        <h1>Việc cần xử lý <small>Worklist</small></h1>
        <button type="button" onClick={work.reload}>Tải lại</button>
      </div>
      {work.error ? <p role="alert" className="notice bad">{work.error}</p> : null}
      {work.loading ? <p role="status">Đang tải…</p> : null}
      {!work.loading && !work.error && items.length === 0 ? <p>Không có việc nào đang chờ bạn.</p> : null}
      {items.length ? (
        <table className="list worklist">
          <thead><tr><th scope="col">Hạn</th><th scope="col">Hồ sơ</th><th scope="col">Thủ tục</th><th scope="col">Bước</th><th scope="col">Người nộp</th><th scope="col">Đơn vị</th></tr></thead>
          <tbody>
            {items.map((w) => {
              const state = dueState(w, now);
              const proc = findEntry(w.procedure)?.procedure;
              const step = proc ? findStepName(proc.steps, w.step) : undefined;
              return (
                <tr key={`${w.caseId}:${w.step}`} className={`due-${state}`}>
                  <td>{formatDateTime(w.due)} {DUE_LABELS[state] ? <span className={`flag ${state}`}>{DUE_LABELS[state]}</span> : null}</td>
                  <td><a href={href('cases', w.caseId)}><code>{w.caseId}</code></a></td>
                  <td>{proc?.name.vi ?? w.procedure}</td>
                  <td>{step ?? w.step}</td>
                  <td>{w.applicant}</td>
                  <td>{w.unit}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function findStepName(steps: readonly { id: string; name?: { vi: string }; kind: string; branches?: unknown }[], id: string): string | undefined {
  for (const s of steps) {
    if (s.id === id) return s.name?.vi ?? s.id;
    if (s.kind === 'parallel' && s.branches && typeof s.branches === 'object') {
      for (const list of Object.values(s.branches as Record<string, typeof steps>)) {
        const hit = findStepName(list, id);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}
