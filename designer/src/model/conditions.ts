/**
 * Conditions without CEL by hand: a condition is a list of rows (field of the e-form, an
 * operator fitting its type, a value) joined by "và" (all) or "hoặc" (any). Rows are written to
 * CEL (`data.x == 'a' && data.n >= 2`) and CEL of that shape is read back into rows; anything
 * else stays "a custom condition" whose text is shown only behind a toggle. Summaries read a
 * condition in plain Vietnamese ({@link readCondition}), never as raw CEL.
 */

/** A field of the e-form a condition can test. */
export interface FormField {
  /** Dotted path under `data`, e.g. `applicant.poor`. */
  path: string;
  /** The field's title (Vietnamese), or its path when it has none. */
  title: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'other';
  /** Allowed values of an enum field. */
  choices?: string[];
}

/** Operators per field type. */
export const OPERATORS = {
  is: { vi: 'là', types: ['string', 'integer', 'number', 'boolean'] },
  isNot: { vi: 'khác', types: ['string', 'integer', 'number'] },
  atLeast: { vi: 'từ … trở lên', types: ['integer', 'number'] },
  atMost: { vi: 'không quá', types: ['integer', 'number'] },
  greater: { vi: 'lớn hơn', types: ['integer', 'number'] },
  less: { vi: 'nhỏ hơn', types: ['integer', 'number'] },
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

/** Special values outside the e-form that conditions use (the filing channel). */
export const CASE_FIELDS: FormField[] = [{ path: 'case.channel', title: 'Kênh nộp hồ sơ', type: 'string', choices: ['online', 'counter'] }];

/** Vietnamese names for common enum values; unknown ones are shown as written. */
export const VALUE_NAMES: Record<string, string> = {
  online: 'trực tuyến', counter: 'tại quầy', none: 'không có', male: 'nam', female: 'nữ',
  organization: 'tổ chức', individual: 'cá nhân', new: 'cấp mới', amend: 'sửa đổi', correct: 'cải chính',
};

/** The e-form's fields (nested objects flattened to dotted paths), for pickers. */
export function formFields(schema: unknown, prefix = '', depth = 0): FormField[] {
  const props = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  if (!props || typeof props !== 'object' || depth > 6) return [];
  const out: FormField[] = [];
  for (const [key, raw] of Object.entries(props)) {
    const s = (raw ?? {}) as { type?: unknown; title?: unknown; enum?: unknown; properties?: unknown };
    const path = prefix ? `${prefix}.${key}` : key;
    const title = typeof s.title === 'string' ? s.title : path;
    if (s.type === 'object' || s.properties) {
      out.push(...formFields(s, path, depth + 1).map((f) => (typeof s.title === 'string' && f.title === f.path ? { ...f, title: `${s.title} › ${f.path.split('.').pop() ?? ''}` } : f)));
      continue;
    }
    const type = s.type === 'string' || s.type === 'integer' || s.type === 'number' || s.type === 'boolean' ? s.type : 'other';
    out.push({ path, title, type, ...(Array.isArray(s.enum) ? { choices: s.enum.map(String) } : {}) });
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

/** Problems of one row against the e-form, in Vietnamese (empty when fine). */
export function rowProblems(row: ConditionRow, fields: readonly FormField[]): string[] {
  const field = [...fields, ...CASE_FIELDS].find((f) => f.path === row.field);
  if (!field) return [`Biểu mẫu không có trường «${row.field}».`];
  const out: string[] = [];
  if (field.type !== 'other' && !(OPERATORS[row.op].types as readonly string[]).includes(field.type)) out.push(`Phép so sánh «${OPERATORS[row.op].vi}» không dùng được cho trường kiểu ${TYPE_VI[field.type]}.`);
  const valueType = typeof row.value;
  const expected = field.type === 'integer' || field.type === 'number' ? 'number' : field.type;
  if (field.type !== 'other' && valueType !== expected) out.push(`«${field.title}» là ${TYPE_VI[field.type]}: giá trị phải là ${TYPE_VI[field.type]}.`);
  if (field.type === 'integer' && typeof row.value === 'number' && !Number.isInteger(row.value)) out.push(`«${field.title}» là số nguyên.`);
  if (field.choices && typeof row.value === 'string' && !field.choices.includes(row.value)) out.push(`«${String(row.value)}» không phải một lựa chọn của «${field.title}».`);
  return out;
}

export const TYPE_VI: Record<FormField['type'], string> = { string: 'chữ', integer: 'số nguyên', number: 'số', boolean: 'có/không', other: 'khác' };

function valueName(v: string | number | boolean): string {
  if (typeof v === 'number') return v.toLocaleString('vi-VN');
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  return `«${VALUE_NAMES[v] ?? v}»`;
}

/** One row read in Vietnamese. */
function readRow(row: ConditionRow, fields: readonly FormField[]): string {
  const field = [...fields, ...CASE_FIELDS].find((f) => f.path === row.field);
  const title = field?.title ?? row.field;
  if (typeof row.value === 'boolean' && row.op === 'is') return row.value ? title : `không: ${title}`;
  switch (row.op) {
    case 'is': return `${title} là ${valueName(row.value)}`;
    case 'isNot': return `${title} khác ${valueName(row.value)}`;
    case 'atLeast': return `${title} từ ${valueName(row.value)} trở lên`;
    case 'atMost': return `${title} không quá ${valueName(row.value)}`;
    case 'greater': return `${title} lớn hơn ${valueName(row.value)}`;
    case 'less': return `${title} nhỏ hơn ${valueName(row.value)}`;
  }
}

/** A condition in plain Vietnamese ("Hộ nghèo hoặc Người có công"); never the raw CEL. */
export function readCondition(cel: string | boolean | undefined, fields: readonly FormField[]): string {
  if (cel === true || cel === undefined) return 'luôn luôn';
  if (cel === false) return 'không bao giờ';
  const cond = parseCondition(cel);
  if (cond.kind === 'custom') return 'điều kiện tùy chỉnh';
  if (cond.rows.length === 0) return 'luôn luôn';
  return cond.rows.map((r) => readRow(r, fields)).join(cond.join === 'and' ? ' và ' : ' hoặc ');
}
