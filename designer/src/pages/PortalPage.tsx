/** Citizens' entry: pick a procedure to file, searchable like the library. */
import { useMemo, useState } from 'react';
import { formatDuration, formatVnd } from '../lib/format';
import { LIBRARY } from '../lib/library';
import { href } from '../lib/route';
import { searchProcedures } from '../lib/text';

export function PortalPage() {
  const [query, setQuery] = useState('');
  const items = useMemo(() => LIBRARY.map((e) => ({ ...e, code: e.procedure.code, name: e.procedure.name, sector: e.procedure.sector })), []);
  const found = useMemo(() => searchProcedures(items, query), [items, query]);
  return (
    <section>
      <h1>Dịch vụ công trực tuyến <small>Online public services</small></h1>
      <div className="search">
        <label htmlFor="portal-search">Bạn cần làm thủ tục gì?</label>
        <input id="portal-search" type="search" value={query} placeholder="vd. khai sinh, chứng thực" onChange={(e) => setQuery(e.target.value)} />
      </div>
      <ul className="cards">
        {found.map((e) => {
          // Unconditional items only: the form computes the rest as the citizen fills it in.
          const base = (e.procedure.fees ?? []).filter((f) => !f.when).reduce((sum, f) => sum + f.amount, 0);
          return (
            <li key={e.file} className="card">
              <h2><a href={href('portal', e.code)}>{e.name.vi}</a></h2>
              <p className="muted small">Mã {e.code} · {e.sector}</p>
              <p>Thời hạn: {e.procedure.deadline ? formatDuration(e.procedure.deadline) : '—'} · Lệ phí: {base > 0 ? formatVnd(base) : 'không'}</p>
              <a className="button" href={href('portal', e.code)}>Nộp hồ sơ trực tuyến</a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
