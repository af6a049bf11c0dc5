/**
 * E-form helpers for rjsf: locked prefilled fields become read-only with a note saying where
 * the value came from, and prefilled values are placed into the form data by dotted path.
 */
import type { ComputedField, PrefillRule } from 'motcua/engine';

export type UiSchema = Record<string, unknown>;

/** Names shown for national data sources (the library's catalogue has the full list). */
const SOURCE_NAMES: Record<string, string> = {
  population: 'CSDL quốc gia về dân cư',
  business: 'CSDL quốc gia về đăng ký doanh nghiệp',
  land: 'CSDL đất đai quốc gia',
  insurance: 'CSDL bảo hiểm',
};

/** The uiSchema marking every field filled from a national source; locked ones are read-only. */
export function prefillUiSchema(prefill: readonly PrefillRule[] | undefined): UiSchema {
  const ui: UiSchema = {};
  for (const rule of prefill ?? []) {
    const parts = rule.field.split('.');
    let node = ui;
    for (const part of parts) {
      const child = (node[part] as UiSchema | undefined) ?? {};
      node[part] = child;
      node = child;
    }
    const source = SOURCE_NAMES[rule.source] ?? rule.source;
    node['ui:help'] = rule.lock ? `Khóa: lấy từ ${source}, không sửa được` : `Lấy từ ${source}`;
    if (rule.lock) node['ui:readonly'] = true;
  }
  return ui;
}

/**
 * Marks the fields the procedure computes (`data.computed`) read-only, saying the system fills
 * them: a citizen never types them (the server refuses a submission that sets one).
 */
export function computedUiSchema(ui: UiSchema, computed: readonly ComputedField[] | undefined): UiSchema {
  let out = ui;
  for (const rule of computed ?? []) {
    const fieldUi = (getPath(out, rule.field) as UiSchema | undefined) ?? {};
    out = setPath(out, rule.field, { ...fieldUi, 'ui:readonly': true, 'ui:help': 'Hệ thống tự tính khi nộp hồ sơ' });
  }
  return out;
}

/**
 * A citizen files as themself: the e-form's applicant ID field (`data.applicantId` when it is
 * a plain field path, else `applicant.nationalId`) starts with the signed-in citizen's
 * national ID, read-only (the server refuses any other).
 */
export function applicantFromAccount(schema: unknown, ui: UiSchema, nationalId: string | undefined, applicantId = 'data.applicant.nationalId'): { data: Record<string, unknown>; ui: UiSchema } {
  const parts = /^data(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(applicantId.trim()) ? applicantId.trim().split('.').slice(1) : [];
  let node = schema as { properties?: Record<string, unknown> } | undefined;
  for (const part of parts) node = node?.properties?.[part] as typeof node;
  if (!nationalId || !parts.length || !node) return { data: {}, ui };
  const dotted = parts.join('.');
  const fieldUi = (getPath(ui, dotted) as UiSchema | undefined) ?? {};
  return {
    data: setPath({}, dotted, nationalId),
    ui: setPath(ui, dotted, { ...fieldUi, 'ui:readonly': true, 'ui:help': 'Số định danh của tài khoản đăng nhập (VNeID)' }),
  };
}

/** Sets `value` at a dotted path inside a copy of `data`. */
export function setPath(data: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const parts = dotted.split('.');
  const root: Record<string, unknown> = { ...data };
  let node = root;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const child = node[part];
    const copy = child && typeof child === 'object' && !Array.isArray(child) ? { ...(child as Record<string, unknown>) } : {};
    node[part] = copy;
    node = copy;
  });
  return root;
}

/** Reads the value at a dotted path, or undefined. */
export function getPath(data: unknown, dotted: string): unknown {
  let node = data;
  for (const part of dotted.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

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
