/**
 * Conditions without CEL by hand: a condition is a list of rows (field of the e-form, an
 * operator fitting its type, a value) joined by "và" (all) or "hoặc" (any). Rows are written to
 * CEL (`data.x == 'a' && data.n >= 2`) and CEL of that shape is read back into rows; anything
 * else stays "a custom condition" whose text is shown only behind a toggle. Summaries read a
 * condition in the language shown ({@link readCondition}), never as raw CEL.
 *
 * Texts: the reading lives in `common:condition` (bundled: the case page's flow graph reads
 * conditions too), the row problems in `designer:condition.problem` (only the designer's
 * condition editor shows them), coded values' names in `values` through `lib/values`, the one
 * home of those names.
 */
import { fieldChoices } from './choices';
import { i18next } from '../i18n';
import { codedValueLabel } from '../lib/values';
import { formatNumber } from '../lib/format';

/** A field of the e-form a condition can test. */
export interface FormField {
  /** Dotted path under `data`, e.g. `applicant.poor`. */
  path: string;
  /** The field's title (as the procedure writes it), or its path when it has none. */
  title: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'other';
  /** Allowed values of a field with choices (`enum`, or `oneOf` of labelled consts). */
  choices?: string[];
  /** The labels the form gives its choices (`oneOf`'s titles), by code. */
  choiceLabels?: Record<string, string>;
}

/** Operators and the field types each fits (their names: `designer:condition.op.<op>`). */
export const OPERATORS = {
  is: { types: ['string', 'integer', 'number', 'boolean'] },
  isNot: { types: ['string', 'integer', 'number'] },
  atLeast: { types: ['integer', 'number'] },
  atMost: { types: ['integer', 'number'] },
  greater: { types: ['integer', 'number'] },
  less: { types: ['integer', 'number'] },
} as const;
export type Operator = keyof typeof OPERATORS;

const CEL_OP: Record<Operator, string> = { is: '==', isNot: '!=', atLeast: '>=', atMost: '<=', greater: '>', less: '<' };
const OP_OF: Record<string, Operator> = Object.fromEntries(Object.entries(CEL_OP).map(([k, v]) => [v, k as Operator]));

/** One row: `field op value`. For a boolean field, `is` with true/false. */
export interface ConditionRow {
  field: string;
  op: Operator;
  value: string | number | boolean;
}

/** A condition as rows, or as custom CEL text the rows cannot express. */
export type Condition =
  | { kind: 'rows'; join: 'and' | 'or'; rows: ConditionRow[] }
  | { kind: 'custom'; cel: string };

/** Special values outside the e-form that conditions use (the filing channel), titled in the language shown. */
export function caseFields(): FormField[] {
  return [{ path: 'case.channel', title: i18next.t('common:condition.channel'), type: 'string', choices: ['online', 'counter'] }];
}

/** The e-form's fields (nested objects flattened to dotted paths), for pickers. */
export function formFields(schema: unknown, prefix = '', depth = 0): FormField[] {
  const props = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  if (!props || typeof props !== 'object' || depth > 6) return [];
  const out: FormField[] = [];
  for (const [key, raw] of Object.entries(props)) {
    const s = (raw ?? {}) as { type?: unknown; title?: unknown; properties?: unknown };
    const path = prefix ? `${prefix}.${key}` : key;
    const title = typeof s.title === 'string' ? s.title : path;
    if (s.type === 'object' || s.properties) {
      out.push(...formFields(s, path, depth + 1).map((f) => (typeof s.title === 'string' && f.title === f.path ? { ...f, title: `${s.title} › ${f.path.split('.').pop() ?? ''}` } : f)));
      continue;
    }
    const type = s.type === 'string' || s.type === 'integer' || s.type === 'number' || s.type === 'boolean' ? s.type : 'other';
    const choices = fieldChoices(s);
    const labelled = choices.filter((c) => c.label);
    out.push({ path, title, type, ...(choices.length ? { choices: choices.map((c) => c.value) } : {}), ...(labelled.length ? { choiceLabels: Object.fromEntries(labelled.map((c) => [c.value, c.label])) } : {}) });
  }
  return out;
}

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}

function ref(field: string): string {
  return field.startsWith('case.') ? field : `data.${field}`;
}

/** Rows to CEL. An empty list of rows is `true` (always). */
export function toCel(cond: Condition): string {
  if (cond.kind === 'custom') return cond.cel;
  if (cond.rows.length === 0) return 'true';
  const parts = cond.rows.map((r) => {
    if (typeof r.value === 'boolean' && (r.op === 'is' || r.op === 'isNot')) {
      const positive = (r.op === 'is') === r.value;
      return positive ? ref(r.field) : `!${ref(r.field)}`;
    }
    return `${ref(r.field)} ${CEL_OP[r.op]} ${literal(r.value)}`;
  });
  return parts.join(cond.join === 'and' ? ' && ' : ' || ');
}

const ATOM = /^(!?)\s*((?:data|case)(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*(?:(==|!=|>=|<=|>|<)\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false))?$/;

function readAtom(text: string): ConditionRow | undefined {
  const m = ATOM.exec(text.trim());
  if (!m) return undefined;
  const [, not, path = '', op, lit] = m;
  const field = path.startsWith('data.') ? path.slice(5) : path;
  if (!op) return { field, op: 'is', value: not !== '!' };
  if (not === '!') return undefined;
  const value: string | number | boolean = lit === 'true' ? true : lit === 'false' ? false : /^['"]/.test(lit ?? '') ? (lit ?? '').slice(1, -1).replace(/\\(.)/g, '$1') : Number(lit);
  const operator = OP_OF[op];
  return operator ? { field, op: operator, value } : undefined;
}

/** CEL to rows when it is a plain conjunction or disjunction of comparisons; custom otherwise. */
export function parseCondition(cel: string): Condition {
  const text = cel.trim();
  if (text === 'true' || text === '') return { kind: 'rows', join: 'and', rows: [] };
  if (/\(|\)/.test(text) || (text.includes('&&') && text.includes('||'))) return { kind: 'custom', cel };
  const join = text.includes('||') ? 'or' : 'and';
  const rows: ConditionRow[] = [];
  for (const part of text.split(join === 'or' ? '||' : '&&')) {
    const row = readAtom(part);
    if (!row) return { kind: 'custom', cel };
    rows.push(row);
  }
  return { kind: 'rows', join, rows };
}

/** Problems of one row against the e-form, in the language shown (empty when fine); needs the `designer` namespace. */
export function rowProblems(row: ConditionRow, fields: readonly FormField[]): string[] {
  const t = (key: string, vars: Record<string, string> = {}): string => i18next.t(`designer:condition.problem.${key}`, vars);
  const field = [...fields, ...caseFields()].find((f) => f.path === row.field);
  if (!field) return [t('noField', { field: row.field })];
  const out: string[] = [];
  const type = i18next.t(`designer:condition.type.${field.type}`);
  if (field.type !== 'other' && !(OPERATORS[row.op].types as readonly string[]).includes(field.type)) out.push(t('operator', { op: i18next.t(`designer:condition.op.${row.op}`), type }));
  const valueType = typeof row.value;
  const expected = field.type === 'integer' || field.type === 'number' ? 'number' : field.type;
  if (field.type !== 'other' && valueType !== expected) out.push(t('valueType', { field: field.title, type }));
  if (field.type === 'integer' && typeof row.value === 'number' && !Number.isInteger(row.value)) out.push(t('integer', { field: field.title }));
  if (field.choices && typeof row.value === 'string' && !field.choices.includes(row.value)) out.push(t('notAChoice', { value: valueName(row.value), field: field.title }));
  return out;
}

/** A value as a condition reads it: numbers grouped, yes/no in words, a coded value by its name (`lib/values`), quoted. */
function valueName(v: string | number | boolean): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return i18next.t(v ? 'common:condition.yes' : 'common:condition.no');
  return i18next.t('common:condition.quoted', { value: codedValueLabel(v) ?? v });
}

/** One row read in the language shown. */
function readRow(row: ConditionRow, fields: readonly FormField[]): string {
  const field = [...fields, ...caseFields()].find((f) => f.path === row.field);
  const title = field?.title ?? row.field;
  if (typeof row.value === 'boolean' && row.op === 'is') return row.value ? title : i18next.t('common:condition.not', { field: title });
  return i18next.t(`common:condition.row.${row.op}`, { field: title, value: valueName(row.value) });
}

/** A condition in plain words ("Hộ nghèo hoặc Người có công"); never the raw CEL. */
export function readCondition(cel: string | boolean | undefined, fields: readonly FormField[]): string {
  if (cel === true || cel === undefined) return i18next.t('common:condition.always');
  if (cel === false) return i18next.t('common:condition.never');
  const cond = parseCondition(cel);
  if (cond.kind === 'custom') return i18next.t('common:condition.custom');
  if (cond.rows.length === 0) return i18next.t('common:condition.always');
  return cond.rows.map((r) => readRow(r, fields)).join(i18next.t(cond.join === 'and' ? 'common:condition.and' : 'common:condition.or'));
}
