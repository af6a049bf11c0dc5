/**
 * Authors' entry: the procedure library as the server holds it (published, in force, retired,
 * broken), paged, filtered by sector, level and handling officer, searched by code or name
 * with or without diacritics.
 */
import { useState } from 'react';
import { FilterBar, NO_FILTERS, Pager, useProcedureList, type Filters } from '../components/ProcedureFilters';
import { formatDuration } from '../lib/format';
import { href } from '../lib/route';
import { LEVEL_LABELS, SECTOR_LABELS } from '../stats/labels';

const PAGE = 25;

export function LibraryPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { data, error, loading } = useProcedureList(filters, {}, PAGE);
  return (
    <section>
      <h1>Thư viện thủ tục hành chính <small>Procedure library</small></h1>
      <FilterBar
        id="library"
        filters={filters}
        onChange={setFilters}
        listing={data}
        searchLabel="Tìm theo mã hoặc tên thủ tục (có dấu hoặc không dấu)"
        placeholder="vd. 1.001193, khai sinh, chung thuc"
        dimensions={['sector', 'level', 'agency']}
      />
      {error ? <p role="alert" className="notice bad">Không tải được thư viện từ máy chủ: {error}</p> : null}
      {loading && !data ? <p role="status" aria-busy="true">Đang tải…</p> : null}
      {data ? (
        <>
          <table className="list" aria-busy={loading}>
            <thead>
              <tr><th scope="col">Mã</th><th scope="col">Tên thủ tục</th><th scope="col">Lĩnh vực</th><th scope="col">Cấp</th><th scope="col">Thời hạn</th><th scope="col">Phiên bản</th></tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.code}>
                  <td><code>{e.code}</code></td>
                  <td>
                    {/* A province's overlay is not edited in the designer: its page shows what the province changed. */}
                    <a href={e.overlayOf ? href('overlays', e.code) : href('procedures', e.code)}>{e.name.vi}</a>
                    {e.overlayOf ? <div className="muted small">Thủ tục của tỉnh, dựa trên <a href={href('overlays', e.overlayOf)}>{e.overlayOf}</a> (provincial overlay)</div> : null}
                    {e.status === 'broken' ? <span className="flag overdue">lỗi cấu hình</span> : !e.open ? <span className="flag">không tiếp nhận</span> : null}
                    {e.name.en ? <div className="muted small" lang="en">{e.name.en}</div> : null}
                  </td>
                  <td>{(e.sector && SECTOR_LABELS[e.sector]?.vi) ?? e.sector}</td>
                  <td>{(e.level && LEVEL_LABELS[e.level]?.vi) ?? e.level}</td>
                  <td>{e.deadline ? formatDuration(e.deadline) : '—'}</td>
                  <td>{e.version}{e.versions.length > 1 ? <span className="muted small"> ({e.versions.length} phiên bản)</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total === 0 ? <p>Không tìm thấy thủ tục nào. Thử từ khóa khác.</p> : null}
          <Pager listing={data} onOffset={(offset) => setFilters({ ...filters, offset })} />
        </>
      ) : null}
    </section>
  );
}
