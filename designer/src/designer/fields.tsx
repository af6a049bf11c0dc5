/**
 * Form fields of the designer. Text and numbers keep local state while the author types and
 * commit on blur or Enter (one command per field commit, never per keystroke: undo steps are
 * the author's edits, and a long form stays fast). Every field has a visible label.
 */
import { i18next } from '../i18n';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface BaseProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Shown in red under the field; the invalid input stays visible. */
  error?: string | undefined;
  id?: string;
}

function Frame({ id, label, hint, error, children }: BaseProps & { id: string; children: ReactNode }) {
  return (
    <div className={error ? 'df-field df-invalid' : 'df-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <small className="df-hint" id={`${id}-hint`}>{hint}</small> : null}
      {error ? <small className="df-error" role="alert">{error}</small> : null}
    </div>
  );
}

/** A text field committing on blur or Enter; Escape restores the committed value. */
export function TextField({ value, onCommit, placeholder, mono, ...base }: BaseProps & { value: string; onCommit: (v: string) => void; placeholder?: string; mono?: boolean }) {
  const auto = useId();
  const id = base.id ?? auto;
  const [draft, setDraft] = useState(value);
  // The last value handed out, read at event time: Enter commits (a rename re-keys the panel),
  // then the input's removal fires a blur whose handler still holds the old `value` (Preact
  // calls it; React drops events of unmounted nodes): without this it would commit twice.
  const committed = useRef(value);
  useEffect(() => {
    committed.current = value;
    setDraft(value);
  }, [value]);
  const commit = (): void => {
    if (draft === committed.current) return;
    committed.current = draft;
    onCommit(draft);
  };
  return (
    <Frame {...base} id={id}>
      <input
        id={id}
        type="text"
        className={mono ? 'mono' : undefined}
        value={draft}
        placeholder={placeholder}
        aria-invalid={base.error ? true : undefined}
        aria-describedby={base.hint ? `${id}-hint` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value);
        }}
      />
    </Frame>
  );
}

/** A whole-number field (amounts, days) committing on blur or Enter. */
export function NumberField({ value, onCommit, min, max, suffix, ...base }: BaseProps & { value: number | undefined; onCommit: (v: number | undefined) => void; min?: number; max?: number; suffix?: string }) {
  const auto = useId();
  const id = base.id ?? auto;
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  useEffect(() => setDraft(value === undefined ? '' : String(value)), [value]);
  const parsed = draft.trim() === '' ? undefined : Number(draft.replace(/[.\s]/g, ''));
  const bad = parsed !== undefined && (!Number.isInteger(parsed) || (min !== undefined && parsed < min) || (max !== undefined && parsed > max));
  const commit = (): void => {
    if (!bad && parsed !== value) onCommit(parsed);
  };
  return (
    <Frame {...base} id={id} error={base.error ?? (bad ? i18next.t('designer:field.integer', { range: `${min !== undefined ? i18next.t('designer:field.from', { min }) : ''}${max !== undefined ? i18next.t('designer:field.to', { max }) : ''}` }) : undefined)}>
      <span className="df-number">
        <input id={id} type="text" inputMode="numeric" value={draft} aria-invalid={bad || undefined} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
        {suffix ? <span className="df-suffix">{suffix}</span> : null}
      </span>
    </Frame>
  );
}

/** A select committing on change. */
export function SelectField({ value, onCommit, options, ...base }: BaseProps & { value: string; onCommit: (v: string) => void; options: readonly { value: string; label: string }[] }) {
  const auto = useId();
  const id = base.id ?? auto;
  return (
    <Frame {...base} id={id}>
      <select id={id} value={value} onChange={(e) => onCommit(e.target.value)}>
        {options.some((o) => o.value === value) ? null : <option value={value}>{value === '' ? i18next.t('common:unit.choose') : value}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Frame>
  );
}

/** A checkbox committing on change. */
export function CheckField({ checked, onCommit, label, hint }: { checked: boolean; onCommit: (v: boolean) => void; label: ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="df-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onCommit(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {hint ? <small className="df-hint">{hint}</small> : null}
    </div>
  );
}

/** Vietnamese and English names side by side. */
export function NameFields({ value, onCommit, what, optional }: { value: { vi?: string; en?: string } | undefined; onCommit: (v: { vi: string; en?: string } | undefined) => void; what: string; optional?: boolean }) {
  const vi = value?.vi ?? '';
  const en = value?.en ?? '';
  return (
    <div className="df-row">
      <TextField label={i18next.t('designer:field.nameVi', { what })} value={vi} error={vi.trim() === '' && (!optional || en) ? i18next.t('designer:field.needVi') : undefined} onCommit={(v) => onCommit(optional && !v && !en ? undefined : { ...value, vi: v, ...(en ? { en } : {}) })} />
      <TextField label={i18next.t('designer:field.nameEn', { what })} value={en} onCommit={(v) => onCommit({ ...value, vi, ...(v ? { en: v } : { en: undefined }) })} />
    </div>
  );
}

/** Deadline units in the words of the law, in the language shown. */
function unitOptions(): { value: string; label: string }[] {
  return (['working-day', 'working-hour', 'calendar-day'] as const).map((u) => ({ value: u, label: i18next.t(`designer:field.unit.${u}`) }));
}

/** The name of a duration's unit in the language shown (`ngày làm việc`), for a field's suffix. */
export function unitName(duration: unknown): string {
  const unit = (duration as { unit?: unknown } | undefined)?.unit;
  return i18next.t(`designer:field.unit.${typeof unit === 'string' ? unit : 'working-day'}`);
}

/** A duration: a number and a unit of the law. */
export function DurationField({ label, value, onCommit }: { label: string; value: { value?: number; unit?: string } | undefined; onCommit: (v: { value: number; unit: string } | undefined) => void }) {
  const unit = value?.unit ?? 'working-day';
  return (
    <fieldset className="df-duration">
      <legend>{label}</legend>
      <NumberField label={i18next.t('designer:field.number')} value={value?.value} min={0} max={3650} onCommit={(n) => onCommit(n === undefined ? undefined : { value: n, unit })} />
      <SelectField label={i18next.t('designer:field.unitLabel')} value={unit} options={unitOptions()} onCommit={(u) => onCommit({ value: value?.value ?? 1, unit: u })} />
    </fieldset>
  );
}

/** A YAML value as text for a field: strings and numbers as written, anything else empty. */
export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
}
