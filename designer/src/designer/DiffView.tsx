/**
 * The semantic diff of a draft against the version in force (`GET /api/drafts/:id/diff`), as a
 * reviewer reads it: grouped by area (steps, actions, fees, components, deadline, e-form
 * fields), each change a sentence with its before and after, never JSON.
 */
import { useEffect, useState } from 'react';
import type { ProcedureDiff } from 'motcua/contract';
import { DIFF_AREAS } from 'motcua/engine';
import { errorText } from '../lib/api';
import { draftsApi } from './drafts-api';
import { describeChange, DIFF_AREA, type Names } from './lifecycle-text';

export function DiffView({ draft, revision, names }: { draft: string; revision: number; names?: Names }) {
  const [diff, setDiff] = useState<ProcedureDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    draftsApi.diff(draft).then((d) => live && setDiff(d), (e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [draft, revision]);
  if (error) return <p className="notice warn" role="alert">Chưa so sánh được (cannot compare): {error}</p>;
  if (!diff) return <p role="status">Đang so sánh… <small lang="en">Comparing…</small></p>;
  const areas = DIFF_AREAS.map((area) => ({ area, changes: diff.changes.filter((c) => c.area === area) })).filter((a) => a.changes.length > 0);
  return (
    <section className="diff-view" aria-label="Thay đổi so với phiên bản đang hiệu lực">
      <p className="muted">
        {diff.from
          ? <>So sánh bản nháp đã lưu (phiên bản {diff.to.version}) với phiên bản đang hiệu lực {diff.from.version}. <small lang="en">The saved draft against the version in force.</small></>
          : <>Thủ tục mới: chưa có phiên bản nào đang hiệu lực, mọi nội dung đều là thêm mới. <small lang="en">A new procedure: everything is added.</small></>}
      </p>
      {areas.length === 0 ? <p className="ok" role="status">Không có thay đổi nào về nội dung. <small lang="en">No change of content.</small></p> : null}
      {areas.map(({ area, changes }) => (
        <section key={area} className="diff-area">
          <h3>{DIFF_AREA[area].vi} <small lang="en">{DIFF_AREA[area].en}</small> <span className="badge">{changes.length}</span></h3>
          <ul>
            {changes.map((c) => {
              const t = describeChange(c, names);
              return (
                <li key={`${c.kind}:${c.path}`} className={`diff-change diff-${c.kind}`}>
                  <strong className="diff-verb">{t.verb.vi}</strong> {t.subject} <code className="diff-path" title="Đường dẫn trong YAML (path)">{t.path}</code>
                  {t.details.length ? (
                    <dl className="diff-details">
                      {t.details.map((d, i) => (
                        <div key={`${d.property}:${i}`}>
                          {d.property ? <dt>{d.property}</dt> : null}
                          <dd>
                            {d.before !== undefined ? <del>{d.before}</del> : null}
                            {d.before !== undefined && d.after !== undefined ? <span aria-hidden="true"> → </span> : null}
                            {d.after !== undefined ? <ins>{d.after}</ins> : null}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
