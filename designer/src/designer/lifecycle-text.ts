/**
 * Words for the publishing lifecycle (docs/publishing.md), Vietnamese first and English second:
 * draft statuses, version states, and the semantic diff (`GET /api/drafts/:id/diff`) turned
 * into sentences a reviewer reads instead of JSON. Pure, so that it is unit-tested.
 */
import type { DiffArea, DiffChange, DraftStatus, VersionView } from 'motcua/contract';
import { formatDuration, formatVnd } from '../lib/format';

/** A label in both languages. */
export interface Words {
  vi: string;
  en: string;
}

export const DRAFT_STATUS: Record<DraftStatus, Words> = {
  editing: { vi: 'Đang soạn', en: 'Editing' },
  submitted: { vi: 'Chờ phê duyệt', en: 'Awaiting review' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  published: { vi: 'Đã xuất bản', en: 'Published' },
};

export const VERSION_STATE: Record<VersionView['state'], Words> = {
  'in-force': { vi: 'Đang hiệu lực', en: 'In force' },
  scheduled: { vi: 'Chưa đến ngày hiệu lực', en: 'Scheduled' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
  retired: { vi: 'Đã ngừng áp dụng', en: 'Retired' },
};

export const REVIEW_KIND: Record<'submit' | 'return' | 'approve', Words> = {
  submit: { vi: 'Gửi phê duyệt', en: 'Submitted' },
  return: { vi: 'Trả lại', en: 'Returned' },
  approve: { vi: 'Phê duyệt', en: 'Approved' },
};

export const DIFF_AREA: Record<DiffArea, Words> = {
  procedure: { vi: 'Thông tin thủ tục', en: 'Procedure' },
  deadline: { vi: 'Thời hạn giải quyết', en: 'Deadline' },
  step: { vi: 'Bước', en: 'Steps' },
  action: { vi: 'Thao tác', en: 'Actions' },
  field: { vi: 'Trường biểu mẫu', en: 'E-form fields' },
  component: { vi: 'Thành phần hồ sơ', en: 'Dossier components' },
  fee: { vi: 'Phí, lệ phí', en: 'Fees' },
};

export const CHANGE_KIND: Record<DiffChange['kind'], Words> = {
  added: { vi: 'Thêm', en: 'added' },
  removed: { vi: 'Bỏ', en: 'removed' },
  changed: { vi: 'Sửa', en: 'changed' },
};

/** Property names a reviewer meets in a change, in Vietnamese (others are shown as written). */
const PROPERTY_VI: Record<string, string> = {
  name: 'tên', label: 'nhãn', title: 'tiêu đề', description: 'mô tả', role: 'vai trò', kind: 'loại', to: 'chuyển đến',
  amount: 'mức thu', exempt: 'miễn khi', when: 'điều kiện', required: 'bắt buộc', type: 'kiểu dữ liệu', enum: 'các giá trị',
  minLength: 'độ dài tối thiểu', maxLength: 'độ dài tối đa', minimum: 'tối thiểu', maximum: 'tối đa', format: 'định dạng',
  sla: 'thời hạn của bước', value: 'số', unit: 'đơn vị', copies: 'số bản', original: 'bản chính', replaceableBy: 'thay bằng dữ liệu',
  optional: 'không bắt buộc', effective: 'hiệu lực', sector: 'lĩnh vực', level: 'cấp', calendar: 'lịch', payment: 'thanh toán',
  applicants: 'đối tượng', legalBasis: 'căn cứ pháp lý', outcomes: 'kết quả', linked: 'liên thông', suspension: 'tạm dừng',
  form: 'biểu mẫu', issue: 'cấp kết quả', procedure: 'thủ tục', branches: 'nhánh', join: 'hợp nhánh', options: 'lựa chọn',
  from: 'từ ngày', source: 'nguồn', pattern: 'mẫu kiểm tra', items: 'phần tử', default: 'mặc định', properties: 'các trường', fee: 'khoản phí', payer: 'người nộp', status: 'trạng thái',
};

/** Values of the format that are ids, in words, by the property that holds them. */
const VALUE_VI: Record<string, Record<string, string>> = {
  kind: { task: 'xử lý', supplement: 'bổ sung', choice: 'rẽ nhánh', payment: 'nộp phí', procedure: 'liên thông', parallel: 'song song', charge: 'lệ phí', fee: 'phí' },
  level: { commune: 'cấp xã', district: 'cấp huyện', province: 'cấp tỉnh', ministry: 'cấp bộ' },
  applicants: { citizen: 'công dân', business: 'doanh nghiệp', organization: 'tổ chức' },
  status: { done: 'hoàn thành', rejected: 'từ chối', withdrawn: 'rút hồ sơ', cancelled: 'huỷ' },
  type: { string: 'văn bản', number: 'số', integer: 'số nguyên', boolean: 'có/không', object: 'nhóm trường', array: 'danh sách' },
};

/** How ids of the library's catalogues read (role id -> its Vietnamese name). */
export interface Names {
  roles?: ReadonlyMap<string, { name: { vi: string } }>;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property name in Vietnamese (a name the table lacks is shown as written). */
export function propertyName(key: string): string {
  return PROPERTY_VI[key] ?? key;
}

/** A value in words: a name's Vietnamese, a duration, an amount, a list; never JSON braces. */
export function showValue(v: unknown, key?: string, depth = 0, names: Names = {}): string {
  if (v === null || v === undefined) return '(không có)';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'number') return key === 'amount' ? formatVnd(v) : new Intl.NumberFormat('vi-VN').format(v);
  if (typeof v === 'string') {
    const word = (key === 'role' ? names.roles?.get(v)?.name.vi : undefined) ?? (key ? VALUE_VI[key]?.[v] : undefined);
    return word ?? `“${v}”`;
  }
  if (Array.isArray(v)) return v.length === 0 ? '(trống)' : v.map((x) => showValue(x, key, depth + 1, names)).join(', ');
  if (isRec(v)) {
    if (typeof v.vi === 'string') return `“${v.vi}”`;
    if (typeof v.value === 'number' && typeof v.unit === 'string' && ['working-day', 'working-hour', 'calendar-day'].includes(v.unit)) {
      return formatDuration({ value: v.value, unit: v.unit as 'working-day' });
    }
    if (depth > 1) return '…';
    const parts = Object.entries(v).map(([k, x]) => `${propertyName(k)}: ${showValue(x, k, depth + 1, names)}`);
    const text = parts.join('; ');
    return text.length > 160 ? `${text.slice(0, 157)}…` : text;
  }
  return typeof v === 'bigint' ? v.toString() : typeof v;
}

const nameOf = (v: unknown): string | undefined => {
  if (!isRec(v)) return undefined;
  for (const k of ['name', 'label', 'title'] as const) {
    const x = v[k];
    if (typeof x === 'string') return x;
    if (isRec(x) && typeof x.vi === 'string') return x.vi;
  }
  return undefined;
};

/** One change as a reviewer reads it. */
export interface ChangeText {
  /** "Thêm" / "Bỏ" / "Sửa". */
  verb: Words;
  /** What it is about, e.g. `bước “Thẩm định hồ sơ”`. */
  subject: string;
  /** The technical path (`steps.check.actions.approve`), shown small for those who need it. */
  path: string;
  /** For a change: each property that differs, before and after; for an addition: its facts. */
  details: { property: string; before?: string; after?: string }[];
}

/** The thing a change is about, in words: its kind and its name (or id). */
function subjectOf(c: DiffChange): string {
  const value = c.kind === 'removed' ? c.before : c.after;
  const name = nameOf(value);
  const last = c.path.split('.').at(-1) ?? c.path;
  const named = (what: string): string => (name ? `${what} “${name}” (${last})` : `${what} ${last}`);
  switch (c.area) {
    case 'procedure':
      return propertyName(c.path);
    case 'deadline':
      return 'thời hạn giải quyết';
    case 'step':
      return named('bước');
    case 'action': {
      const [, step, , action] = c.path.split('.');
      return name ? `thao tác “${name}” (${action ?? last}) của bước ${step ?? ''}` : `thao tác ${action ?? last} của bước ${step ?? ''}`;
    }
    case 'field':
      return named(c.path.startsWith('data.') ? 'trường' : 'trường của biểu mẫu thao tác');
    case 'component':
      return named('thành phần hồ sơ');
    case 'fee':
      return named('khoản phí');
  }
}

/** Describes one change of the semantic diff in words. */
export function describeChange(c: DiffChange, names: Names = {}): ChangeText {
  const base = { verb: CHANGE_KIND[c.kind], subject: subjectOf(c), path: c.path };
  if (c.kind !== 'changed') {
    const v = c.kind === 'added' ? c.after : c.before;
    if (c.area === 'deadline' || c.area === 'procedure' || !isRec(v)) return { ...base, details: [{ property: '', ...(c.kind === 'added' ? { after: showValue(v, c.path, 0, names) } : { before: showValue(v, c.path, 0, names) }) }] };
    const facts = Object.entries(v).filter(([k]) => !['id', 'name', 'label', 'title'].includes(k) || !nameOf(v));
    return { ...base, details: c.kind === 'added' ? facts.map(([k, x]) => ({ property: propertyName(k), after: showValue(x, k, 1, names) })) : [] };
  }
  if (!isRec(c.before) || !isRec(c.after) || c.area === 'deadline' || (typeof c.before.vi === 'string' && typeof c.after.vi === 'string')) {
    return { ...base, details: [{ property: '', before: showValue(c.before, c.path, 0, names), after: showValue(c.after, c.path, 0, names) }] };
  }
  const keys = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])];
  const details = keys
    .filter((k) => JSON.stringify((c.before as Rec)[k]) !== JSON.stringify((c.after as Rec)[k]))
    .map((k) => ({ property: propertyName(k), before: showValue((c.before as Rec)[k], k, 1, names), after: showValue((c.after as Rec)[k], k, 1, names) }));
  return { ...base, details };
}
