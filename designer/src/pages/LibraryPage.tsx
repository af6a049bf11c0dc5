/**
 * Authors' entry: the procedure library as the server holds it (published, in force, retired,
 * broken), paged, filtered by sector, level and handling officer, searched by code or name
 * with or without diacritics.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, levelLabel, NO_FILTERS, Pager, sectorLabel, useProcedureList, type Filters } from '../components/ProcedureFilters';
import { formatDuration, localized } from '../lib/format';
import { href } from '../lib/route';

const PAGE = 25;

export function LibraryPage() {
  const { t } = useTranslation('library');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { data, error, loading } = useProcedureList(filters, {}, PAGE);
  return (
    <section>
      <h1>{t('title')}</h1>
      <FilterBar
        id="library"
        filters={filters}
        onChange={setFilters}
        listing={data}
        searchLabel={t('search')}
        placeholder={t('placeholder')}
        dimensions={['sector', 'level', 'agency']}
      />
      {error ? <p role="alert" className="notice bad">{t('loadFailed', { error })}</p> : null}
      {loading && !data ? <p role="status" aria-busy="true">{t('common:words.loading')}</p> : null}
      {data ? (
        <>
          <table className="list" aria-busy={loading}>
            <thead>
              <tr><th scope="col">{t('col.code')}</th><th scope="col">{t('col.name')}</th><th scope="col">{t('col.sector')}</th><th scope="col">{t('col.level')}</th><th scope="col">{t('col.deadline')}</th><th scope="col">{t('col.version')}</th></tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.code}>
                  <td><code>{e.code}</code></td>
                  <td>
                    {/* A province's overlay is not edited in the designer: its page shows what the province changed. */}
                    <a href={e.overlayOf ? href('overlays', e.code) : href('procedures', e.code)}>{localized(e.name)}</a>
                    {e.overlayOf ? <div className="muted small">{t('overlayOf')} <a href={href('overlays', e.overlayOf)}>{e.overlayOf}</a></div> : null}
                    {e.status === 'broken' ? <span className="flag overdue">{t('broken')}</span> : !e.open ? <span className="flag">{t('closed')}</span> : null}
                  </td>
                  <td>{sectorLabel(e.sector)}</td>
                  <td>{levelLabel(e.level)}</td>
                  <td>{e.deadline ? formatDuration(e.deadline) : '—'}</td>
                  <td>{e.version}{e.versions.length > 1 ? <span className="muted small"> {t('versions', { count: e.versions.length })}</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total === 0 ? <p>{t('none')}</p> : null}
          <Pager listing={data} onOffset={(offset) => setFilters({ ...filters, offset })} />
        </>
      ) : null}
    </section>
  );
}
