/**
 * "Ai đã xem dữ liệu của tôi" (`#/data-access`): every read of the signed-in citizen's
 * national-source records and wallet documents (`GET /api/my/data-access`): when, by whom,
 * from which unit, for which case (or which e-form, read before filing), and why (prefill,
 * replacement of a paper, an officer opening the case). Only the citizen sees their own list.
 */
import type { DataAccessEntry } from 'motcua/contract';
import type { SessionUser } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { sourceLabel } from '../lib/form';
import { useProcedure } from '../lib/procedures';
import { href } from '../lib/route';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

const KIND_VI: Record<DataAccessEntry['kind'], string> = {
  prefill: 'Điền sẵn tờ khai',
  replacement: 'Thay cho giấy tờ phải nộp',
  lookup: 'Tra cứu khi nộp hồ sơ',
  'case-view': 'Cán bộ mở hồ sơ',
};


/** Consecutive reads alike (an officer reloading a case) as one row with how many and since when. */
function grouped(items: readonly DataAccessEntry[]): { entry: DataAccessEntry; count: number; first: string }[] {
  const out: { entry: DataAccessEntry; count: number; first: string }[] = [];
  const same = (a: DataAccessEntry, b: DataAccessEntry): boolean =>
    a.reader.id === b.reader.id && a.unit?.id === b.unit?.id && a.kind === b.kind && a.source === b.source && a.key === b.key && a.case === b.case && a.procedure === b.procedure;
  for (const e of items) {
    const last = out.at(-1);
    if (last && same(last.entry, e)) {
      last.count += 1;
      last.first = e.at;
    } else out.push({ entry: e, count: 1, first: e.at });
  }
  return out;
}

/** A read to prefill an e-form before filing: no case yet, the procedure it was for. */
function BeforeFiling({ code }: { code: string | undefined }) {
  const name = useProcedure(code)?.name.vi;
  return <span>Tờ khai {name ?? code ?? ''} <span className="muted small">(trước khi nộp · before filing)</span></span>;
}

export function DataAccessPage({ user }: { user: SessionUser | null }) {
  const loaded = useApi<{ items: DataAccessEntry[] }>(user ? '/api/my/data-access?limit=200' : null);
  if (!user) return <SignInFirst back={['data-access']} />;
  if (loaded.error) return <p role="alert" className="notice bad">{loaded.error}</p>;
  if (!loaded.data) return <p role="status">Đang tải…</p>;
  const items = grouped(loaded.data.items);
  return (
    <section>
      <h1>Ai đã xem dữ liệu của tôi <small>Who read my data</small></h1>
      <p className="muted">Mỗi lần dữ liệu của bạn trong cơ sở dữ liệu quốc gia hoặc kho dữ liệu được đọc: ai đọc, thuộc đơn vị nào, cho hồ sơ nào và khi nào.</p>
      {items.length === 0 ? <p>Chưa có lượt truy cập nào.</p> : (
        <table className="list" aria-label="Nhật ký truy cập dữ liệu">
          <thead><tr><th scope="col">Thời điểm</th><th scope="col">Người đọc</th><th scope="col">Đơn vị</th><th scope="col">Mục đích</th><th scope="col">Dữ liệu</th><th scope="col">Hồ sơ</th></tr></thead>
          <tbody>
            {items.map(({ entry: e, count, first }, i) => (
              <tr key={i}>
                <td>{formatDateTime(e.at)}{count > 1 ? <div className="muted small">{count} lần, từ {formatDateTime(first)} <span lang="en">({count} reads)</span></div> : null}</td>
                <td>{e.reader.name ?? e.reader.id}</td>
                <td>{e.unit ? (e.unit.name ?? e.unit.id) : '—'}</td>
                <td>{KIND_VI[e.kind]}</td>
                <td>{e.source === 'case' ? 'Hồ sơ' : sourceLabel(e.source)}{e.source === 'case' ? '' : <> <code className="small">{e.key}</code></>}</td>
                <td>{e.case ? <a href={href('cases', e.case)}>{e.case}</a> : <BeforeFiling code={e.procedure} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
