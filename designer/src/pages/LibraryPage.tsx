/** Authors' entry: the procedure library, searchable by code or name, with or without diacritics. */
import { useMemo, useState } from 'react';
import { formatDuration } from '../lib/format';
import { LIBRARY } from '../lib/library';
import { href } from '../lib/route';
import { searchProcedures } from '../lib/text';

const LEVEL_VI: Record<string, string> = { commune: 'Cấp xã', province: 'Cấp tỉnh', ministry: 'Cấp bộ' };

export function LibraryPage() {
  const [query, setQuery] = useState('');
  const items = useMemo(() => LIBRARY.map((e) => ({ ...e, code: e.procedure.code, name: e.procedure.name, sector: e.procedure.sector })), []);
  const found = useMemo(() => searchProcedures(items, query), [items, query]);
  return (
    <section>
      <h1>Thư viện thủ tục hành chính <small>Procedure library</small></h1>
      <div className="search">
        <label htmlFor="library-search">Tìm theo mã hoặc tên thủ tục (có dấu hoặc không dấu)</label>
        <input id="library-search" type="search" value={query} placeholder="vd. 1.001193, khai sinh, chung thuc" onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="muted" role="status">{found.length} / {items.length} thủ tục</p>
      <table className="list">
        <thead>
          <tr><th scope="col">Mã</th><th scope="col">Tên thủ tục</th><th scope="col">Lĩnh vực</th><th scope="col">Cấp</th><th scope="col">Thời hạn</th><th scope="col">Phiên bản</th></tr>
        </thead>
        <tbody>
          {found.map((e) => (
            <tr key={e.file}>
              <td><code>{e.code}</code></td>
              <td>
                {/* A province's overlay is not edited in the designer: its page shows what the province changed. */}
                <a href={e.procedure.overlay ? href('overlays', e.code) : href('procedures', e.code)}>{e.name.vi}</a>
                {e.name.en ? <div className="muted small" lang="en">{e.name.en}</div> : null}
                {e.procedure.overlay ? <div className="muted small">Thủ tục của tỉnh, dựa trên <a href={href('overlays', e.procedure.overlay.base.code)}>{e.procedure.overlay.base.code}</a> (provincial overlay)</div> : null}
              </td>
              <td>{e.sector}</td>
              <td>{LEVEL_VI[e.procedure.level] ?? e.procedure.level}</td>
              <td>{e.procedure.deadline ? formatDuration(e.procedure.deadline) : '—'}</td>
              <td>{e.procedure.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {found.length === 0 ? <p>Không tìm thấy thủ tục nào. Thử từ khóa khác.</p> : null}
    </section>
  );
}
