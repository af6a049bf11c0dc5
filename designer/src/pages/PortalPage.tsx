/**
 * Citizens' entry: pick a procedure to file. The list is the server's (`GET /api/procedures`,
 * only what can be filed today), searched there with or without diacritics and with common
 * spellings ("dang ki" finds "đăng ký"), filtered by sector and level, a page at a time: a phone
 * never downloads the library.
 */
import { useState } from 'react';
import { FilterBar, NO_FILTERS, Pager, useProcedureList, type Filters } from '../components/ProcedureFilters';
import { formatDuration, formatVnd } from '../lib/format';
import { href } from '../lib/route';
import { LEVEL_LABELS, SECTOR_LABELS } from '../stats/labels';

const PAGE = 20;

export function PortalPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { data, error, loading } = useProcedureList(filters, { open: true }, PAGE);
  return (
    <section>
      <h1>Dịch vụ công trực tuyến <small>Online public services</small></h1>
      <FilterBar
        id="portal"
        filters={filters}
        onChange={setFilters}
        listing={data}
        searchLabel="Bạn cần làm thủ tục gì?"
        placeholder="vd. khai sinh, chứng thực"
        dimensions={['sector', 'level']}
      />
      {error ? <p className="notice bad" role="alert">Không kết nối được máy chủ: {error}</p> : null}
      {loading && !data ? <p role="status" aria-busy="true">Đang tải danh sách thủ tục…</p> : null}
      <ul className="cards" aria-busy={loading}>
        {data?.items.map((e) => (
          <li key={e.code} className="card">
            <h2><a href={href('portal', e.code)}>{e.name.vi}</a></h2>
            <p className="muted small">Mã {e.code} · {(e.sector && SECTOR_LABELS[e.sector]?.vi) ?? e.sector} · {(e.level && LEVEL_LABELS[e.level]?.vi) ?? e.level}</p>
            {/* Unconditional fees only: the form computes the rest as the citizen fills it in. */}
            <p>Thời hạn: {e.deadline ? formatDuration(e.deadline) : '—'} · Lệ phí: {e.baseFee > 0 ? formatVnd(e.baseFee) : 'không'}</p>
            <a className="button" href={href('portal', e.code)}>Nộp hồ sơ trực tuyến</a>
          </li>
        ))}
      </ul>
      {data?.total === 0 ? <p>Không tìm thấy thủ tục nào. Thử từ khóa khác, hoặc gõ không dấu.</p> : null}
      <Pager listing={data} onOffset={(offset) => setFilters({ ...filters, offset })} />
    </section>
  );
}
