/**
 * "Ai đã xem dữ liệu của tôi" (`#/data-access`): every read of the signed-in citizen's
 * national-source records and wallet documents (`GET /api/my/data-access`): when, by whom,
 * from which unit, for which case (or which e-form, read before filing), and why (prefill,
 * replacement of a paper, an officer opening the case). Only the citizen sees their own list.
 */
import { useTranslation } from 'react-i18next';
import type { DataAccessEntry } from 'motcua/contract';
import type { SessionUser } from '../lib/api';
import { formatDateTime, localized } from '../lib/format';
import { useCatalogues } from '../lib/catalogue-names';
import { sourceLabel } from '../lib/form';
import { useProcedure } from '../lib/procedures';
import { href } from '../lib/route';
import { SignInFirst } from './SignInFirst';
import { useApi } from './useApi';

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
  const { t } = useTranslation('wallet');
  const procedure = useProcedure(code);
  return <span>{t('access.form', { name: procedure ? localized(procedure.name) : (code ?? '') })} <span className="muted small">({t('access.beforeFiling')})</span></span>;
}

export function DataAccessPage({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation('wallet');
  const loaded = useApi<{ items: DataAccessEntry[] }>(user ? '/api/my/data-access?limit=200' : null);
  useCatalogues(); // sources by their names, not their ids
  if (!user) return <SignInFirst back={['data-access']} />;
  if (loaded.error) return <p role="alert" className="notice bad">{loaded.error}</p>;
  if (!loaded.data) return <p role="status">{t('common:words.loading')}</p>;
  const items = grouped(loaded.data.items);
  return (
    <section>
      <h1>{t('access.title')}</h1>
      <p className="muted">{t('access.intro')}</p>
      {items.length === 0 ? <p>{t('access.none')}</p> : (
        <table className="list" aria-label={t('access.table')}>
          <thead><tr><th scope="col">{t('access.col.at')}</th><th scope="col">{t('access.col.reader')}</th><th scope="col">{t('access.col.unit')}</th><th scope="col">{t('access.col.purpose')}</th><th scope="col">{t('access.col.data')}</th><th scope="col">{t('access.col.case')}</th></tr></thead>
          <tbody>
            {items.map(({ entry: e, count, first }, i) => (
              <tr key={i}>
                <td>{formatDateTime(e.at)}{count > 1 ? <div className="muted small">{t('access.times', { count, since: formatDateTime(first) })}</div> : null}</td>
                <td>{e.reader.name ?? e.reader.id}</td>
                <td>{e.unit ? (e.unit.name ?? e.unit.id) : '—'}</td>
                <td>{t(`access.kind.${e.kind}`)}</td>
                <td>{e.source === 'case' ? t('access.col.case') : sourceLabel(e.source)}{e.source === 'case' ? '' : <> <code className="small">{e.key}</code></>}</td>
                <td>{e.case ? <a href={href('cases', e.case)}>{e.case}</a> : <BeforeFiling code={e.procedure} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
