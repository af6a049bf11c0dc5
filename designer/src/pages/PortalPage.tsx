/**
 * Citizens' entry: pick a procedure to file. The list is the server's (`GET /api/procedures`,
 * only what can be filed today), searched there with or without diacritics and with common
 * spellings ("dang ki" finds "đăng ký"), filtered by sector and level, a page at a time: a phone
 * never downloads the library.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, levelLabel, NO_FILTERS, Pager, sectorLabel, useProcedureList, type Filters } from '../components/ProcedureFilters';
import { formatDuration, formatVnd, localized } from '../lib/format';
import { href } from '../lib/route';

const PAGE = 20;

export function PortalPage() {
  const { t } = useTranslation('portal');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { data, error, loading } = useProcedureList(filters, { open: true }, PAGE);
  return (
    <section>
      <h1>{t('title')}</h1>
      <FilterBar
        id="portal"
        filters={filters}
        onChange={setFilters}
        listing={data}
        searchLabel={t('search')}
        placeholder={t('placeholder')}
        dimensions={['sector', 'level']}
      />
      {error ? <p className="notice bad" role="alert">{t('offline', { error })}</p> : null}
      {loading && !data ? <p role="status" aria-busy="true">{t('loading')}</p> : null}
      <ul className="cards" aria-busy={loading}>
        {data?.items.map((e) => (
          <li key={e.code} className="card">
            <h2><a href={href('portal', e.code)}>{localized(e.name)}</a></h2>
            <p className="muted small">{t('code', { code: e.code })} · {sectorLabel(e.sector)} · {levelLabel(e.level)}</p>
            {/* Unconditional fees only: the form computes the rest as the citizen fills it in. */}
            <p>{t('deadline')}: {e.deadline ? formatDuration(e.deadline) : '—'} · {t('fee')}: {e.baseFee > 0 ? formatVnd(e.baseFee) : t('noFee')}</p>
            <a className="button" href={href('portal', e.code)} aria-label={t('fileThis', { name: localized(e.name) })}>{t('fileOnline')}</a>
          </li>
        ))}
      </ul>
      {data?.total === 0 ? <p>{t('none')}</p> : null}
      <Pager listing={data} onOffset={(offset) => setFilters({ ...filters, offset })} />
    </section>
  );
}
