/**
 * E-form helpers for rjsf: the fields the server prefilled for the signed-in citizen become
 * read-only (when locked) with a note saying where the value came from, and are listed with
 * their source before filing; the applicant's own ID is filled from the account.
 */
import { applicantField, getPath, setPath, type ComputedField, type PrefillRule, type Procedure } from 'motcua/engine';
import type { PrefilledValue } from 'motcua/contract';
import { i18next } from '../i18n';
import { sourceName } from './catalogue-names';
import { localized } from './format';
import { codedValueLabel, displayValue } from './values';

export type UiSchema = Record<string, unknown>;

/** A source's name in the language shown: the one the server gave, else the catalogue's (`GET /api/catalogues`), else its id. */
export function sourceLabel(source: string, name?: { vi: string; en?: string }): string {
  return (name ? localized(name) : undefined) ?? sourceName(source) ?? source;
}

/**
 * The uiSchema of the prefilled fields, from what the server read for the signed-in citizen
 * (`filled`): a field it filled says from which source, read-only when the rule locks it; a
 * field it could not fill (the source has no record for them) stays editable and says so, so
 * a locked field is never shown empty and uneditable.
 */
export function prefillUiSchema(prefill: readonly PrefillRule[] | undefined, filled: readonly PrefilledValue[] = []): UiSchema {
  let ui: UiSchema = {};
  for (const rule of prefill ?? []) {
    const got = filled.find((f) => f.field === rule.field);
    const source = sourceLabel(rule.source, got?.sourceName);
    const fieldUi = (getPath(ui, rule.field) as UiSchema | undefined) ?? {};
    if (!got) {
      ui = setPath(ui, rule.field, { ...fieldUi, 'ui:help': i18next.t('common:form.prefillMissing', { source }) });
      continue;
    }
    const whole = got.value !== null && typeof got.value === 'object' && !Array.isArray(got.value);
    const help = i18next.t(!got.lock ? 'common:form.prefillEditable' : whole ? 'common:form.prefillLockedRecord' : 'common:form.prefillLocked', { source });
    ui = setPath(ui, rule.field, { ...fieldUi, 'ui:help': help });
    // A whole record locked into an object: each part the record holds is read-only; a part it
    // lacks stays editable (the server only refuses a change to what the source gave).
    if (got.lock) for (const leaf of leaves(got.value, rule.field)) ui = setPath(ui, leaf, { ...(getPath(ui, leaf) ?? {}), 'ui:readonly': true });
  }
  return ui;
}

/** The dotted paths of the non-object values inside `value` (itself when it is not an object). */
function leaves(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [path];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
}

/**
 * Names for the coded values of the form's enums (`male`, `married`, `poor-household`...) in the
 * language shown (`values.ts`), on every enum field whose values all have one: a select never
 * shows `female`.
 */
export function enumLabelsUiSchema(schema: unknown, ui: UiSchema, path = ''): UiSchema {
  const node = (schema && typeof schema === 'object' ? schema : {}) as { enum?: unknown[]; properties?: Record<string, unknown> };
  let out = ui;
  if (path && Array.isArray(node.enum) && node.enum.length > 0 && node.enum.every((v) => typeof v === 'string' && codedValueLabel(v) !== undefined)) {
    out = setPath(out, path, { ...(getPath(out, path) ?? {}), 'ui:enumNames': node.enum.map((v) => codedValueLabel(v as string)) });
  }
  for (const [k, child] of Object.entries(node.properties ?? {})) out = enumLabelsUiSchema(child, out, path ? `${path}.${k}` : k);
  return out;
}

/** One line of the "from the national databases" panel: a field's title, its value as text, its source. */
export interface PrefilledRow {
  field: string;
  label: string;
  value: string;
  source: string;
  lock: boolean;
}

/**
 * The prefilled values as rows with the titles the e-form's schema gives them: an object value
 * (a whole record prefilled into `applicant`) is listed field by field, only those the form
 * declares, and empty values are left out (the panel never shows an empty line).
 */
export function prefilledRows(schema: unknown, fields: readonly PrefilledValue[]): PrefilledRow[] {
  const rows: PrefilledRow[] = [];
  const walk = (node: unknown, path: string, value: unknown, labels: string[], f: PrefilledValue): void => {
    const props = node && typeof node === 'object' ? (node as { properties?: Record<string, unknown> }).properties : undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, child] of Object.entries(props ?? {})) walk(child, `${path}.${k}`, (value as Record<string, unknown>)[k], [...labels, titleOf(child, k)], f);
      return;
    }
    const text = displayValue(value);
    if (text) rows.push({ field: path, label: labels.join(' › '), value: text, source: sourceLabel(f.source, f.sourceName), lock: f.lock });
  };
  for (const f of fields) {
    const node = schemaAt(schema, f.field);
    walk(node, f.field, f.value, f.field.split('.').map((_, i, parts) => titleOf(schemaAt(schema, parts.slice(0, i + 1).join('.')), parts[i]!)), f);
  }
  return rows;
}

function schemaAt(schema: unknown, dotted: string): unknown {
  let node = schema;
  for (const part of dotted.split('.')) node = node && typeof node === 'object' ? (node as { properties?: Record<string, unknown> }).properties?.[part] : undefined;
  return node;
}

function titleOf(node: unknown, fallback: string): string {
  const t = node && typeof node === 'object' ? (node as { title?: unknown }).title : undefined;
  return typeof t === 'string' ? t : fallback;
}

/**
 * Marks the fields the procedure computes (`data.computed`) read-only, saying the system fills
 * them: a citizen never types them (the server refuses a submission that sets one).
 */
export function computedUiSchema(ui: UiSchema, computed: readonly ComputedField[] | undefined): UiSchema {
  let out = ui;
  for (const rule of computed ?? []) {
    const fieldUi = (getPath(out, rule.field) as UiSchema | undefined) ?? {};
    out = setPath(out, rule.field, { ...fieldUi, 'ui:readonly': true, 'ui:help': i18next.t('common:form.computed') });
  }
  return out;
}

/**
 * A citizen files as themself: the e-form's applicant ID field (the engine's `applicantField`:
 * `data.applicantId` when it is a plain field path, else `applicant.nationalId`) starts with the
 * signed-in citizen's national ID, read-only (the server refuses any other).
 */
export function applicantFromAccount(procedure: Pick<Procedure, 'data'>, ui: UiSchema, nationalId: string | undefined): { data: Record<string, unknown>; ui: UiSchema } {
  const dotted = applicantField(procedure);
  if (!nationalId || !dotted) return { data: {}, ui };
  const fieldUi = (getPath(ui, dotted) as UiSchema | undefined) ?? {};
  return {
    data: setPath({}, dotted, nationalId),
    ui: setPath(ui, dotted, { ...fieldUi, 'ui:readonly': true, 'ui:help': i18next.t('common:form.applicantId') }),
  };
}

export { getPath, setPath };

/** The 1-based line and column of a character offset: for jumping in the textarea. */
export function offsetOfLine(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + Math.max(0, column - 1), text.length);
}
