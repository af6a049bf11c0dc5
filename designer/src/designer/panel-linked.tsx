/**
 * A procedure step (liên thông) in the properties panel: the linked procedure picked from what
 * the server holds, through its paged search (`GET /api/procedures?q=`, never a copy bundled in
 * the app), with the versions it holds; and its `data`, the child case's e-form field by field,
 * each given a field or group of this procedure's e-form by name (the CEL `data.<path>` is
 * written for the author), with a warning where the types differ.
 */
import type { FieldProps, WidgetProps } from '@rjsf/utils';
import type { ProcedureListing } from 'motcua/contract';
import { PROCEDURE_LIST_LIMITS } from 'motcua/contract';
import { useEffect, useId, useMemo, useState } from 'react';
import { localized } from '../lib/format';
import { getProcedure, listProcedures, type ProcedureDetail } from '../lib/procedures';
import { childFields, mappingSources, typesFit } from '../model/linked-data';
import { ctxOf, dt, Select } from './panel-common';

/** Results per page of the search. */
const PAGE = 8;

/** A procedure as the server holds it (undefined while loading; `null` when it holds no such code). */
function useDetail(code: string): ProcedureDetail | null | undefined {
  const [detail, setDetail] = useState<{ code: string; detail: ProcedureDetail | null } | undefined>();
  useEffect(() => {
    let live = true;
    if (code) getProcedure(code).then((d) => live && setDetail({ code, detail: d }), () => live && setDetail({ code, detail: null }));
    return () => {
      live = false;
    };
  }, [code]);
  return detail?.code === code ? detail.detail : undefined;
}

/** What the step links to now, and which version a child case runs. */
function Current({ code, id }: { code: string; id: string }) {
  const detail = useDetail(code);
  if (!code) return <p id={id} className="muted">{dt('linked.none')}</p>;
  if (detail === undefined) return <p id={id} className="muted">{code} · {dt('linked.loading')}</p>;
  if (detail === null) return <p id={id} className="df-error" role="alert">{dt('linked.unknown', { code })}</p>;
  return (
    <div id={id} className="linked-current">
      <p><strong>{code}</strong> {localized(detail.procedure.name)}</p>
      <p className="df-hint">{dt('linked.versions', { versions: detail.versions.join(', '), version: detail.procedure.version })}</p>
    </div>
  );
}

/** The linked procedure: the current one, and a search of the server's library to pick another. */
export function LinkedProcedureWidget(props: WidgetProps) {
  const code = typeof props.value === 'string' ? props.value : '';
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ProcedureListing | undefined>();
  const [failed, setFailed] = useState(false);
  const currentId = useId();
  useEffect(() => {
    let live = true;
    // Asked once the author pauses: a page per query, not per keystroke.
    const timer = setTimeout(() => {
      listProcedures({ q: q.trim(), limit: PAGE, offset }).then((p) => {
        if (live) {
          setPage(p);
          setFailed(false);
        }
      }, () => live && setFailed(true));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, offset]);
  const items = page?.items ?? [];
  return (
    <div className="linked-picker">
      <Current code={code} id={currentId} />
      <input
        id={props.id}
        type="search"
        value={q}
        maxLength={PROCEDURE_LIST_LIMITS.maxQueryLength}
        placeholder={dt('linked.searchPlaceholder')}
        aria-describedby={currentId}
        disabled={props.disabled}
        onChange={(e) => {
          setQ(e.target.value);
          setOffset(0);
        }}
      />
      {failed ? <p className="df-error" role="alert">{dt('linked.searchFailed')}</p> : null}
      {page ? (
        <>
          <ul className="linked-results" aria-label={dt('linked.results', { total: page.total })}>
            {items.map((p) => (
              <li key={p.code}>
                <button type="button" className="small" aria-pressed={p.code === code} onClick={() => props.onChange(p.code)}>
                  {dt('linked.pick', { code: p.code, name: localized(p.name) })}
                </button>
              </li>
            ))}
          </ul>
          {items.length === 0 ? <p className="muted">{dt('linked.noMatch')}</p> : null}
          {page.total > PAGE ? (
            <div className="actions">
              <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{dt('linked.prev')}</button>
              <span className="muted">{dt('linked.page', { from: offset + 1, to: offset + items.length, total: page.total })}</span>
              <button type="button" className="small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>{dt('linked.next')}</button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** The child case's data: each field of the linked procedure's e-form, given a field of this one. */
export function ChildDataField(props: FieldProps) {
  const { linkedCode, dataSchema } = ctxOf(props);
  const code = linkedCode ?? '';
  const detail = useDetail(code);
  const mapping = (props.formData && typeof props.formData === 'object' ? props.formData : {}) as Record<string, unknown>;
  const sources = useMemo(() => mappingSources(dataSchema), [dataSchema]);
  const child = useMemo(() => childFields((detail?.procedure.data as { schema?: unknown } | undefined)?.schema), [detail]);
  const base = props.fieldPathId.$id;
  const set = (key: string, expr: string | undefined): void => props.onChange({ ...mapping, [key]: expr }, props.fieldPathId.path);
  const options = [{ value: '', label: dt('linked.notPassed') }, ...sources.map((s) => ({ value: s.expr, label: s.title }))];
  const extra = detail ? Object.keys(mapping).filter((k) => !child.some((f) => f.key === k)) : [];
  return (
    <fieldset className="df-child-data">
      <legend>{String(props.schema.title ?? '')}</legend>
      {!code ? <p className="muted">{dt('linked.pickFirst')}</p> : detail === undefined ? <p className="muted">{dt('linked.loading')}</p> : detail === null ? null : child.length === 0 ? <p className="muted">{dt('linked.noForm')}</p> : (
        <>
          <small className="df-hint">{dt('linked.mapHint')}</small>
          <ul className="props-list">
            {child.map((f) => {
              const value = typeof mapping[f.key] === 'string' ? (mapping[f.key] as string) : '';
              const source = sources.find((s) => s.expr === value);
              const id = `${base}-${f.key}`;
              return (
                <li key={f.key} className="df-field">
                  <label htmlFor={id}>{dt('linked.field', { title: f.title })}{f.required ? ` (${dt('linked.required')})` : ''}</label>
                  <Select id={id} value={value} options={options} invalid={f.required && !value} onChange={(v) => set(f.key, v === '' ? undefined : v)} />
                  {source && !typesFit(source.type, f.type) ? <small className="df-error" role="alert">{dt('linked.typeMismatch', { from: dt(`linked.type.${source.type}`, { defaultValue: source.type }), to: dt(`linked.type.${f.type}`, { defaultValue: f.type }) })}</small> : null}
                  {value && !source ? <small className="df-hint">{dt('linked.expression')}</small> : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {extra.map((k) => (
        <p key={k} className="df-error" role="alert">
          {dt('linked.extra', { key: k })} <button type="button" className="small danger" onClick={() => set(k, undefined)}>{dt('linked.removeExtra', { key: k })}</button>
        </p>
      ))}
    </fieldset>
  );
}
