/**
 * What the properties panel's widgets share (`panel-widgets.tsx`, `panel-parallel.tsx`,
 * `panel-linked.tsx`): the context rjsf hands them (`formContext`), the designer's words, and a
 * select that still shows a value it does not list.
 */
import type { RoleEntry } from 'motcua/engine';
import { levelLabel } from '../components/ProcedureFilters';
import { useSyncExternalStore } from 'react';
import { i18next } from '../i18n';
import { localized } from '../lib/format';
import type { FormField } from '../model/conditions';
import { valueAt } from '../model/procedure-edits';
import type { Path, YamlModel } from '../model/yaml-model';
import type { Selection } from './GraphEditor';

export type Option = { value: string; label: string };

/** What the panel's widgets need beyond their own value (rjsf's `formContext`). */
export interface PanelContext {
  model: YamlModel;
  /** The selected step's id (absent for an outcome). */
  stepId?: string;
  /** The selected step's path in the file (absent for an outcome). */
  path?: Path;
  /** The selected step's role, for the levels it works at. */
  role?: string;
  /** The selected choice's `otherwise`: where a new branch goes first. */
  otherwise?: string;
  /** The selected procedure step's linked code: whose e-form its data mapping fills. */
  linkedCode?: string;
  roles: ReadonlyMap<string, RoleEntry>;
  /** Fields of the e-form, for conditions. */
  fields: readonly FormField[];
  /** The e-form's JSON Schema (`data.schema`), for a linked procedure's data mapping. */
  dataSchema?: unknown;
  /** Every step and outcome a slot may point at, by title. */
  targets: readonly Option[];
  /** The action whose arrow is selected on the graph: highlighted. */
  focusAction?: string;
  /** Selects a step on the graph (and in the panel): a parallel branch's steps are opened so. */
  onSelect?: (s: Selection) => void;
}

/** The designer's words (`designer:*`), read at render: the panel re-renders on a language switch. */
export const dt = (key: string, options?: Record<string, unknown>): string => i18next.t(`designer:${key}`, options ?? {});

export const ctxOf = (p: { registry: { formContext?: unknown } }): PanelContext => p.registry.formContext as PanelContext;

/** A select whose current value, when not among the options, is still shown (as "choose" when empty). */
export function Select({ id, value, options, onChange, disabled, invalid, label }: { id: string; value: string; options: readonly Option[]; onChange: (v: string) => void; disabled?: boolean; invalid?: boolean; label?: string }) {
  return (
    <select id={id} value={value} disabled={disabled} aria-invalid={invalid || undefined} aria-label={label} onChange={(e) => onChange(e.target.value)}>
      {options.some((o) => o.value === value) ? null : <option value={value}>{value === '' ? i18next.t('common:unit.choose') : value}</option>}
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}

/** The catalogue's roles by name, with the levels each works at. */
export function roleOptions(roles: ReadonlyMap<string, RoleEntry>): Option[] {
  return [...roles.values()].map((r) => ({ value: r.id, label: `${localized(r.name)} (${(r.levels ?? []).map((l) => levelLabel(l)).join(', ')})` }));
}

/**
 * The value a custom field draws, read from the file (the model, subscribed to) rather than
 * from rjsf's state: rjsf skips re-rendering a field whose data is deeply equal regardless of
 * key order, so a field whose own commands reorder keys (a form's fields, a parallel step's
 * branches) would be drawn stale.
 */
export function useLiveValue(props: { formData?: unknown; fieldPathId: { path: readonly (string | number)[] }; registry: { formContext?: unknown } }): unknown {
  const { model, path } = ctxOf(props);
  const snap = useSyncExternalStore(model.subscribe, model.getSnapshot);
  return path ? valueAt(snap.value, [...path, ...props.fieldPathId.path]) : props.formData;
}
