/**
 * "Thủ tục của địa phương" (`#/overlays/<code>`): for a national procedure, the provinces'
 * overlays of it (`GET /api/procedures/:code/overlays`), those built on an older national
 * version flagged; for an overlay, what the province changed from the national version it
 * builds on (`GET /api/procedures/:code/overlay-diff`, the engine's semantic diff), and, when it
 * is stale, against the newest national version too.
 */
import type { OverlayList, OverlayView } from 'motcua/contract';
import type { DiffChange, ProcedureDiff } from 'motcua/engine';
import { href } from '../lib/route';
import { useApi } from './useApi';

const KIND_VI: Record<DiffChange['kind'], string> = { added: 'Thêm', removed: 'Bỏ', changed: 'Thay đổi' };
const AREA_VI: Record<string, string> = { procedure: 'Thông tin chung', step: 'Bước', action: 'Thao tác', fee: 'Phí, lệ phí', component: 'Thành phần hồ sơ', deadline: 'Thời hạn', field: 'Trường tờ khai' };

/** A value of a change, short enough for a table cell. */
export function shortValue(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function DiffTable({ diff, label }: { diff: ProcedureDiff; label: string }) {
  if (diff.changes.length === 0) return <p>Không có thay đổi (no changes).</p>;
  return (
    <table className="list" aria-label={label}>
      <thead><tr><th scope="col">Thay đổi</th><th scope="col">Phần</th><th scope="col">Mục</th><th scope="col">Quốc gia (national)</th><th scope="col">Địa phương (province)</th></tr></thead>
      <tbody>
        {diff.changes.map((c, i) => (
          <tr key={i}>
            <td>{KIND_VI[c.kind]}</td>
            <td>{AREA_VI[c.area] ?? c.area}</td>
            <td><code className="small">{c.path}</code></td>
            <td><code className="small">{c.kind === 'added' ? '' : shortValue(c.before)}</code></td>
            <td><code className="small">{c.kind === 'removed' ? '' : shortValue(c.after)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StaleBadge({ o }: { o: OverlayView }) {
  return o.stale
    ? <span className="badge bad">Cần cập nhật: quốc gia đã có phiên bản {o.latest} (stale)</span>
    : <span className="badge good">Theo phiên bản quốc gia mới nhất (current)</span>;
}

function OverlayDetail({ overlay }: { overlay: OverlayView }) {
  const diff = useApi<ProcedureDiff>(`/api/procedures/${encodeURIComponent(overlay.code)}/overlay-diff?version=${encodeURIComponent(overlay.version)}`);
  const latest = useApi<ProcedureDiff>(overlay.stale ? `/api/procedures/${encodeURIComponent(overlay.code)}/overlay-diff?version=${encodeURIComponent(overlay.version)}&against=latest` : null);
  return (
    <section>
      <h1>{overlay.code} <small>phiên bản {overlay.version}, tỉnh {overlay.scope.province}</small></h1>
      <p>
        Dựa trên thủ tục quốc gia <a href={href('overlays', overlay.base.code)}>{overlay.base.code}</a> phiên bản {overlay.base.version}{' '}
        <small>(built on {overlay.base.code}@{overlay.base.version}, asked {overlay.base.range})</small> <StaleBadge o={overlay} />
      </p>
      <h2>Tỉnh đã thay đổi gì <small>What the province changed</small></h2>
      {diff.error ? <p role="alert" className="notice bad">{diff.error}</p> : diff.data ? <DiffTable diff={diff.data} label="Thay đổi so với thủ tục quốc gia" /> : <p role="status">Đang tải…</p>}
      {overlay.stale && (
        <>
          <h2>So với phiên bản quốc gia mới nhất {overlay.latest} <small>Against the newest national version</small></h2>
          {latest.error ? <p role="alert" className="notice bad">{latest.error}</p> : latest.data ? <DiffTable diff={latest.data} label="Khác biệt so với phiên bản quốc gia mới nhất" /> : <p role="status">Đang tải…</p>}
        </>
      )}
    </section>
  );
}

function OverlayListView({ list }: { list: OverlayList }) {
  return (
    <section>
      <h1>Thủ tục của địa phương <small>Provincial overlays of {list.code}</small></h1>
      <p className="muted">Phiên bản quốc gia mới nhất: {list.latest || '—'}. Mỗi tỉnh chỉ được thay đổi những gì thủ tục quốc gia cho phép (mức phí trong khung, cơ quan thực hiện, địa chỉ, thành phần hồ sơ tùy chọn).</p>
      {list.items.length === 0 ? <p>Chưa có tỉnh nào ban hành thủ tục riêng (no overlays).</p> : (
        <table className="list" aria-label="Thủ tục của địa phương">
          <thead><tr><th scope="col">Mã</th><th scope="col">Phiên bản</th><th scope="col">Tỉnh</th><th scope="col">Dựa trên</th><th scope="col">Tình trạng</th></tr></thead>
          <tbody>
            {list.items.map((o) => (
              <tr key={`${o.code}@${o.version}`}>
                <td><a href={href('overlays', o.code, o.version)}>{o.code}</a></td>
                <td>{o.version}</td>
                <td>{o.scope.province}</td>
                <td>{o.base.version}</td>
                <td><StaleBadge o={o} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The page: a national code lists its overlays; an overlay code (and version) shows its diff. */
export function OverlaysPage({ code, version }: { code: string; version?: string }) {
  const detail = useApi<{ overlay?: OverlayView }>(`/api/procedures/${encodeURIComponent(code)}${version ? `?version=${encodeURIComponent(version)}` : ''}`);
  const isOverlay = detail.data?.overlay !== undefined;
  const list = useApi<OverlayList>(detail.data && !isOverlay ? `/api/procedures/${encodeURIComponent(code)}/overlays` : null);
  if (detail.error) return <p role="alert" className="notice bad">{detail.error}</p>;
  if (!detail.data) return <p role="status">Đang tải…</p>;
  if (detail.data.overlay) return <OverlayDetail overlay={detail.data.overlay} />;
  if (list.error) return <p role="alert" className="notice bad">{list.error}</p>;
  return list.data ? <OverlayListView list={list.data} /> : <p role="status">Đang tải…</p>;
}
