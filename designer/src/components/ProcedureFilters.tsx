/**
 * The library's search box, filters and pager, shared by the library and the citizens' portal.
 * The server searches, filters, counts and pages (`GET /api/procedures`); the filters offer the
 * values the server counted (facets), each with how many procedures it would give.
 */
import { useEffect, useState } from 'react';
import type { FacetCount, ProcedureListing } from 'motcua/contract';
import { listPath, type ListParams } from '../lib/procedures';
import { useApi, type Loaded } from '../pages/useApi';
import { useTranslation } from 'react-i18next';
import { i18next } from '../i18n';
import { formatNumber, localized } from '../lib/format';

/** What the user picked. */
export interface Filters {
  q: string;
  sector: string;
  level: string;
  agency: string;
  offset: number;
}

export const NO_FILTERS: Filters = { q: '', sector: '', level: '', agency: '', offset: 0 };

/** The value after it stopped changing for `ms` (one request when the user stops typing). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** One page of the server's list for the filters (plus fixed parameters, e.g. `open: true` on the portal). */
export function useProcedureList(filters: Filters, fixed: ListParams, limit: number): Loaded<ProcedureListing> {
  const q = useDebounced(filters.q.trim(), 250);
  return useApi<ProcedureListing>(listPath({ ...fixed, q, sector: filters.sector, level: filters.level, agency: filters.agency, limit, offset: filters.offset }));
}

function label(dimension: 'sector' | 'level' | 'agency', f: FacetCount): string {
  if (dimension === 'agency') return f.name ? localized(f.name) : f.value;
  return dimension === 'sector' ? sectorLabel(f.value) : levelLabel(f.value);
}

/** A sector id in words (an id the texts lack is shown as written: the library may add sectors). */
export function sectorLabel(id: string | null | undefined): string {
  if (!id) return '—';
  return i18next.t(`common:sector.${id}`, { defaultValue: id });
}

/** A level id (`commune`...) in words. */
export function levelLabel(id: string | null | undefined): string {
  if (!id) return '—';
  return i18next.t(`common:level.${id}`, { defaultValue: id });
}

const DIMENSION_KEY = {
  sector: { label: 'filters.sector', all: 'filters.allSector' },
  level: { label: 'filters.level', all: 'filters.allLevel' },
  agency: { label: 'filters.agency', all: 'filters.allAgency' },
} as const;

/** The search box and a select per dimension; any change goes back to the first page. */
export function FilterBar({ id, filters, onChange, listing, searchLabel, placeholder, dimensions }: {
  id: string;
  filters: Filters;
  onChange: (f: Filters) => void;
  listing: ProcedureListing | undefined;
  searchLabel: string;
  placeholder: string;
  dimensions: readonly ('sector' | 'level' | 'agency')[];
}) {
  const { t } = useTranslation();
  return (
    <div className="search-filters">
      <div className="search">
        <label htmlFor={`${id}-search`}>{searchLabel}</label>
        <input id={`${id}-search`} type="search" value={filters.q} maxLength={200} placeholder={placeholder} onChange={(e) => onChange({ ...filters, q: e.target.value, offset: 0 })} />
      </div>
      <div className="filters">
        {dimensions.map((d) => {
          const facets = listing?.facets[d] ?? [];
          const picked = filters[d];
          return (
            <div key={d}>
              <label htmlFor={`${id}-${d}`}>{t(DIMENSION_KEY[d].label)}</label>
              <select id={`${id}-${d}`} value={picked} onChange={(e) => onChange({ ...filters, [d]: e.target.value, offset: 0 })}>
                <option value="">{t(DIMENSION_KEY[d].all)}</option>
                {picked && !facets.some((f) => f.value === picked) ? <option value={picked}>{picked} (0)</option> : null}
                {facets.map((f) => <option key={f.value} value={f.value}>{label(d, f)} ({f.count})</option>)}
              </select>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** "1-20 / 5,000" with previous and next page buttons. */
export function Pager({ listing, onOffset }: { listing: ProcedureListing | undefined; onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  if (!listing || listing.total === 0) return null;
  const { total, offset, limit } = listing;
  const last = Math.min(total, offset + listing.items.length);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>{t('pager.previous')}</button>
      <span role="status">{t('pager.range', { from: formatNumber(offset + 1), to: formatNumber(last), total: formatNumber(total) })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>{t('pager.next')}</button>
    </nav>
  );
}
