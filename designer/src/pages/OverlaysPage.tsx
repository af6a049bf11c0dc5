/**
 * "Thủ tục của địa phương" (`#/overlays/<code>`): for a national procedure, the provinces'
 * overlays of it (`GET /api/procedures/:code/overlays`), those built on an older national
 * version flagged; for an overlay, what the province changed from the national version it
 * builds on (`GET /api/procedures/:code/overlay-diff`, the engine's semantic diff), and, when it
 * is stale, against the newest national version too.
 */
import { useTranslation } from 'react-i18next';
import type { OverlayList, OverlayView } from 'motcua/contract';
import type { ProcedureDiff } from 'motcua/engine';
import { href } from '../lib/route';
import { useApi } from './useApi';


/** A value of a change, short enough for a table cell. */
export function shortValue(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function DiffTable({ diff, label }: { diff: ProcedureDiff; label: string }) {
  const { t } = useTranslation('library');
  if (diff.changes.length === 0) return <p>{t('overlay.noChanges')}</p>;
  return (
    <table className="list" aria-label={label}>
      <thead><tr><th scope="col">{t('overlay.col.change')}</th><th scope="col">{t('overlay.col.area')}</th><th scope="col">{t('overlay.col.item')}</th><th scope="col">{t('overlay.col.national')}</th><th scope="col">{t('overlay.col.province')}</th></tr></thead>
      <tbody>
        {diff.changes.map((c, i) => (
          <tr key={i}>
            <td>{t(`overlay.kind.${c.kind}`)}</td>
            <td>{t(`overlay.area.${c.area}`, { defaultValue: c.area })}</td>
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
  const { t } = useTranslation('library');
  return o.stale
    ? <span className="badge bad">{t('overlay.stale', { latest: o.latest })}</span>
    : <span className="badge good">{t('overlay.current')}</span>;
}

function OverlayDetail({ overlay }: { overlay: OverlayView }) {
  const diff = useApi<ProcedureDiff>(`/api/procedures/${encodeURIComponent(overlay.code)}/overlay-diff?version=${encodeURIComponent(overlay.version)}`);
  const { t } = useTranslation('library');
  const latest = useApi<ProcedureDiff>(overlay.stale ? `/api/procedures/${encodeURIComponent(overlay.code)}/overlay-diff?version=${encodeURIComponent(overlay.version)}&against=latest` : null);
  return (
    <section>
      <h1>{overlay.code} <small>{t('overlay.versionOf', { version: overlay.version, province: overlay.scope.province })}</small></h1>
      <p>
        {t('overlay.builtOn')} <a href={href('overlays', overlay.base.code)}>{overlay.base.code}</a> {t('overlay.baseVersion', { version: overlay.base.version, range: overlay.base.range })}{' '}
        <StaleBadge o={overlay} />
      </p>
      <h2>{t('overlay.changed')}</h2>
      {diff.error ? <p role="alert" className="notice bad">{diff.error}</p> : diff.data ? <DiffTable diff={diff.data} label={t('overlay.changedTable')} /> : <p role="status">{t('common:words.loading')}</p>}
      {overlay.stale && (
        <>
          <h2>{t('overlay.againstLatest', { latest: overlay.latest })}</h2>
          {latest.error ? <p role="alert" className="notice bad">{latest.error}</p> : latest.data ? <DiffTable diff={latest.data} label={t('overlay.againstLatestTable')} /> : <p role="status">{t('common:words.loading')}</p>}
        </>
      )}
    </section>
  );
}

function OverlayListView({ list }: { list: OverlayList }) {
  const { t } = useTranslation('library');
  return (
    <section>
      <h1>{t('overlay.listTitle', { code: list.code })}</h1>
      <p className="muted">{t('overlay.listIntro', { latest: list.latest || '—' })}</p>
      {list.items.length === 0 ? <p>{t('overlay.none')}</p> : (
        <table className="list" aria-label={t('overlay.listTitle', { code: list.code })}>
          <thead><tr><th scope="col">{t('col.code')}</th><th scope="col">{t('col.version')}</th><th scope="col">{t('overlay.col.provinceName')}</th><th scope="col">{t('overlay.col.base')}</th><th scope="col">{t('overlay.col.state')}</th></tr></thead>
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
  const { t } = useTranslation('library');
  if (detail.error) return <p role="alert" className="notice bad">{detail.error}</p>;
  if (!detail.data) return <p role="status">{t('common:words.loading')}</p>;
  if (detail.data.overlay) return <OverlayDetail overlay={detail.data.overlay} />;
  if (list.error) return <p role="alert" className="notice bad">{list.error}</p>;
  return list.data ? <OverlayListView list={list.data} /> : <p role="status">{t('common:words.loading')}</p>;
}
