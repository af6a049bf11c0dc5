/**
 * Procedures of the sizes the designer benchmark needs, generated so they stay valid against
 * the real library (`procedures/catalogues`): a long flow (tasks with approve, supplement and
 * reject actions, choices on the e-form's data, supplement steps, a payment, fees) and a long
 * e-form (groups of text, number, date, yes/no and choice fields, some required, some with a
 * pattern or a default).
 */
import { stringify } from 'yaml';

/** Commune-level roles of the library's catalogue, cycled over the generated tasks. */
const ROLES = ['reception-officer', 'civil-status-officer', 'certification-officer', 'division-head', 'commune-vice-chair', 'commune-chair'];

const TASK_NAMES = ['Tiếp nhận hồ sơ', 'Kiểm tra thành phần', 'Thẩm định nội dung', 'Xác minh thực địa', 'Lấy ý kiến phòng chuyên môn', 'Trình lãnh đạo duyệt'];

function header(code: string, name: string): Record<string, unknown> {
  return {
    code,
    version: '1.0.0',
    effective: { from: '2026-01-01', to: null },
    name: { vi: name, en: `${name} (benchmark)` },
    sector: 'civil-status',
    level: 'commune',
    calendar: 'vn',
    legalBasis: [{ doc: '60/2014/QH13', title: 'Law on Civil Status', article: '1' }],
    applicants: ['citizen'],
  };
}

const OUTCOMES = {
  approved: { status: 'done', name: { vi: 'Trả kết quả', en: 'Result issued' } },
  rejected: { status: 'rejected', name: { vi: 'Từ chối', en: 'Rejected' } },
};

/**
 * A valid procedure of exactly `steps` steps: a payment first, then tasks, each followed by its
 * supplement step and, every fourth, a choice on the applicant's data that may skip a task.
 */
export function longProcedure(steps: number, code = '9.900060'): string {
  const ids: string[] = ['pay'];
  const kinds: string[] = ['payment'];
  let t = 0;
  while (ids.length < steps) {
    const left = steps - ids.length;
    if (t % 4 === 3 && left >= 2) {
      ids.push(`c${t}`);
      kinds.push('choice');
    } else if (left >= 2) {
      ids.push(`t${t}`, `s${t}`);
      kinds.push('task', 'supplement');
    } else {
      ids.push(`t${t}`);
      kinds.push('task');
    }
    t++;
  }
  const next = (i: number): string => ids[i + 1] ?? 'approved';
  const nextTask = (i: number): string => ids.slice(i + 1).find((id, j) => kinds[i + 1 + j] === 'task') ?? 'approved';
  const list = ids.map((id, i) => {
    const n = Number(id.slice(1)) || 0;
    switch (kinds[i] ?? 'task') {
      case 'payment':
        return { id, kind: 'payment', name: { vi: 'Nộp lệ phí', en: 'Pay the fee' }, to: next(i) };
      case 'choice':
        return { id, kind: 'choice', name: { vi: `Cần thẩm định thêm (${n})?`, en: `Further review (${n})?` }, branches: [{ when: `data.copies > ${n % 5} && data.applicant.poor == false`, to: next(i) }], otherwise: nextTask(i + 1) };
      case 'supplement':
        return { id, kind: 'supplement', name: { vi: `Bổ sung hồ sơ (${n})`, en: `Supplement (${n})` }, to: `t${n}` };
      default: {
        const supplement = kinds[i + 1] === 'supplement' ? ids[i + 1] : undefined;
        const after = supplement ? next(i + 1) : next(i);
        return {
          id,
          kind: 'task',
          name: { vi: `${TASK_NAMES[n % TASK_NAMES.length] ?? ''} (${n})`, en: `Task ${n}` },
          role: ROLES[n % ROLES.length],
          sla: { value: 1 + (n % 3), unit: 'working-day' },
          actions: {
            approve: { to: after, name: { vi: 'Đồng ý, chuyển bước sau', en: 'Approve' } },
            ...(supplement ? { 'request-supplement': { to: supplement, name: { vi: 'Yêu cầu bổ sung', en: 'Ask for more' } } } : {}),
            reject: { to: 'rejected', name: { vi: 'Từ chối', en: 'Reject' }, form: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', minLength: 1, title: 'Lý do từ chối' } } } },
          },
        };
      }
    }
  });
  return stringify({
    ...header(code, `Thủ tục dài ${steps} bước`),
    data: {
      schema: {
        type: 'object',
        required: ['applicant', 'copies'],
        properties: {
          applicant: { type: 'object', required: ['nationalId'], properties: { nationalId: { type: 'string', pattern: '^[0-9]{12}$', title: 'Số định danh cá nhân' }, fullName: { type: 'string', title: 'Họ và tên' }, poor: { type: 'boolean', default: false, title: 'Hộ nghèo' } } },
          copies: { type: 'integer', minimum: 1, maximum: 10, default: 1, title: 'Số bản sao' },
        },
      },
    },
    components: [{ id: 'request', name: { vi: 'Tờ khai', en: 'Request form' }, required: true, copies: { original: 1, copy: 0 } }],
    fees: [{ id: 'fee', name: { vi: 'Lệ phí', en: 'Fee' }, kind: 'fee', amount: 8000, quantity: 'data.copies', exempt: 'data.applicant.poor' }],
    payment: 'before-processing',
    deadline: { value: 60, unit: 'working-day' },
    steps: list,
    outcomes: OUTCOMES,
  }, { lineWidth: 0 });
}

/** A valid one-task procedure whose e-form has `fields` fields in groups of 20. */
export function longForm(fields: number, code = '9.900300'): string {
  const groups: Record<string, unknown> = {};
  for (let g = 0; g * 20 < fields; g++) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (let i = g * 20; i < Math.min(fields, (g + 1) * 20); i++) {
      const key = `f${i}`;
      switch (i % 5) {
        case 0: properties[key] = { type: 'string', title: `Họ và tên người thứ ${i}`, minLength: 1 }; required.push(key); break;
        case 1: properties[key] = { type: 'integer', title: `Số lượng mục ${i}`, minimum: 0, maximum: 1000, default: 1 }; break;
        case 2: properties[key] = { type: 'string', format: 'date', title: `Ngày cấp giấy tờ ${i}` }; break;
        case 3: properties[key] = { type: 'boolean', title: `Đã có giấy tờ ${i}`, default: false }; break;
        default: properties[key] = { type: 'string', title: `Số giấy tờ ${i}`, pattern: '^[0-9]{6,12}$' };
      }
    }
    groups[`g${g}`] = { type: 'object', title: `Nhóm thông tin ${g + 1}`, required, properties };
  }
  return stringify({
    ...header(code, `Biểu mẫu ${fields} trường`),
    data: { schema: { type: 'object', properties: groups } },
    components: [{ id: 'request', name: { vi: 'Tờ khai', en: 'Request form' }, required: true, copies: { original: 1, copy: 0 } }],
    deadline: { value: 5, unit: 'working-day' },
    steps: [{ id: 'check', kind: 'task', name: { vi: 'Kiểm tra', en: 'Check' }, role: 'reception-officer', actions: { approve: { to: 'approved' }, reject: { to: 'rejected' } } }],
    outcomes: OUTCOMES,
  }, { lineWidth: 0 });
}
