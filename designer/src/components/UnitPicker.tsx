/**
 * Where a case is filed: the unit that handles it, read from the server's public list
 * (`GET /api/units`), never bundled (3,321 communes would weigh on every citizen's page).
 * A commune-level procedure asks for the province first, then lists only its communes; a
 * province-level one lists the provinces; a ministry-level one the ministries. The province
 * last chosen is remembered on this device.
 */
import { useEffect, useState } from 'react';
import type { Level } from 'motcua/engine';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../lib/api';

export interface UnitOption {
  id: string;
  name: string;
  level: Level;
  parent?: string;
  code?: string;
}

const PROVINCE_KEY = 'motcua.province';

function useUnits(query: string | null): { items: UnitOption[]; error: string | null } {
  const [state, setState] = useState<{ items: UnitOption[]; error: string | null }>({ items: [], error: null });
  useEffect(() => {
    if (query === null) return;
    let live = true;
    api<{ items: UnitOption[] }>('GET', `/api/units?${query}`)
      .then((r) => live && setState({ items: r.items, error: null }))
      .catch((err: unknown) => live && setState({ items: [], error: errorText(err) }));
    return () => {
      live = false;
    };
  }, [query]);
  return state;
}

export function UnitPicker({ level, value, onChange }: { level: Level; value: string; onChange: (unit: string) => void }) {
  const { t } = useTranslation();
  const provinces = useUnits(level === 'commune' ? 'level=province&limit=100' : null);
  const [province, setProvince] = useState(() => localStorage.getItem(PROVINCE_KEY) ?? '');
  const chosenProvince = province || provinces.items[0]?.id || '';
  const units = useUnits(level === 'commune' ? (chosenProvince ? `level=commune&parent=${encodeURIComponent(chosenProvince)}&limit=5000` : null) : `level=${level}&limit=5000`);
  const error = provinces.error ?? units.error;
  return (
    <>
      {level === 'commune' ? (
        <div className="field">
          <label htmlFor="file-province">{t('unit.province')} <span aria-hidden="true">*</span></label>
          <select
            id="file-province"
            value={chosenProvince}
            onChange={(e) => {
              setProvince(e.target.value);
              localStorage.setItem(PROVINCE_KEY, e.target.value);
              onChange('');
            }}
          >
            {provinces.items.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="file-unit">
          {t(level === 'commune' ? 'unit.commune' : 'unit.office')} <span aria-hidden="true">*</span>
        </label>
        <select id="file-unit" value={value} onChange={(e) => onChange(e.target.value)} required aria-busy={units.items.length === 0 && !error}>
          <option value="">{t('unit.choose')}</option>
          {units.items.map((u) => <option key={u.id} value={u.id}>{u.name}{u.code ? ` (${u.code})` : ''}</option>)}
        </select>
        {error ? <p role="alert" className="field-error">{t('unit.failed', { error })}</p> : null}
      </div>
    </>
  );
}
