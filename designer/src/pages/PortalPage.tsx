/**
 * Citizens' entry: pick a procedure to file. The list is the server's (`GET /api/procedures?q=`,
 * searched there with or without diacritics), so procedures published since the app was built
 * are offered too; without a server the bundled library is searched instead.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Procedure } from 'motcua/engine';
import { api } from '../lib/api';
import { formatDuration, formatVnd } from '../lib/format';
import { findEntry, LIBRARY } from '../lib/library';
import { href } from '../lib/route';
import { searchProcedures } from '../lib/text';

/** One procedure as `GET /api/procedures` lists it. */
interface Listed {
  code: string;
  version: string;
  name: { vi: string; en?: string };
  sector: string | null;
  status: string;
}

interface Card {
  code: string;
  name: { vi: string; en?: string };
  sector: string;
  /** The bundled definition, for the deadline and fees shown on the card (the form reads the server's). */
  procedure: Procedure | undefined;
}

/** One card per code: the server lists every version, broken ones included. */
function cardsOf(listed: readonly Listed[]): Card[] {
  const byCode = new Map<string, Card>();
  for (const p of listed) {
    if (p.status !== 'ok') continue;
    byCode.set(p.code, { code: p.code, name: p.name, sector: p.sector ?? '', procedure: findEntry(p.code)?.procedure });
  }
  return [...byCode.values()];
}

const BUNDLED: Card[] = LIBRARY.map((e) => ({ code: e.procedure.code, name: e.procedure.name, sector: e.procedure.sector ?? '', procedure: e.procedure }));

export function PortalPage() {
  const [query, setQuery] = useState('');
  const [served, setServed] = useState<Card[] | 'offline' | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // Debounced: one request when the citizen stops typing.
    const timer = setTimeout(() => {
      api<{ items: Listed[] }>('GET', `/api/procedures?limit=100${query.trim() ? `&q=${encodeURIComponent(query.trim())}` : ''}`)
        .then((r) => live && setServed(cardsOf(r.items)))
        .catch(() => live && setServed('offline'));
    }, query ? 200 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  const found = useMemo(() => (served === 'offline' || served === undefined ? searchProcedures(BUNDLED, query) : served), [served, query]);
  return (
    <section>
      <h1>Dịch vụ công trực tuyến <small>Online public services</small></h1>
      <div className="search">
        <label htmlFor="portal-search">Bạn cần làm thủ tục gì?</label>
        <input id="portal-search" type="search" value={query} placeholder="vd. khai sinh, chứng thực" onChange={(e) => setQuery(e.target.value)} />
      </div>
      {served === 'offline' ? <p className="muted small" role="status">Không kết nối được máy chủ: danh sách theo bản đóng gói của ứng dụng.</p> : null}
      <ul className="cards">
        {found.map((e) => {
          // Unconditional items only: the form computes the rest as the citizen fills it in.
          const base = (e.procedure?.fees ?? []).filter((f) => !f.when).reduce((sum, f) => sum + f.amount, 0);
          return (
            <li key={e.code} className="card">
              <h2><a href={href('portal', e.code)}>{e.name.vi}</a></h2>
              <p className="muted small">Mã {e.code} · {e.sector}</p>
              {e.procedure ? <p>Thời hạn: {e.procedure.deadline ? formatDuration(e.procedure.deadline) : '—'} · Lệ phí: {base > 0 ? formatVnd(base) : 'không'}</p> : null}
              <a className="button" href={href('portal', e.code)}>Nộp hồ sơ trực tuyến</a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
