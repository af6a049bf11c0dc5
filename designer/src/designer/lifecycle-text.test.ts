import { diffProcedures, type Procedure } from 'motcua/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import { describeChange, draftStatus, showValue } from './lifecycle-text';

const base = {
  code: 'X.1', version: '1.0.0', name: { vi: 'Thủ tục thử' }, deadline: { value: 3, unit: 'working-day' },
  steps: [{ id: 'check', kind: 'task', name: { vi: 'Kiểm tra' }, role: 'r', actions: { approve: { label: { vi: 'Duyệt' }, to: 'done' } } }],
  fees: [{ id: 'fee', name: { vi: 'Lệ phí' }, amount: 10000 }],
} as unknown as Procedure;

describe('the diff in words', () => {
  beforeAll(async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('lifecycle');
  });

  it('names what changed, with before and after in Vietnamese, never JSON', () => {
    const next = structuredClone(base) as unknown as { version: string; deadline: { value: number }; fees: { amount: number }[]; steps: unknown[] };
    next.version = '1.0.1';
    next.deadline.value = 5;
    next.fees[0]!.amount = 20000;
    next.steps.push({ id: 'sign', kind: 'task', name: { vi: 'Ký duyệt' }, role: 'r', actions: {} });
    const texts = diffProcedures(base, next as unknown as Procedure).changes.map((c) => describeChange(c));
    const fee = texts.find((t) => t.path === 'fees.fee')!;
    expect(fee.verb).toBe('Sửa');
    expect(fee.subject).toBe('khoản phí “Lệ phí” (fee)');
    expect(fee.details).toEqual([{ property: 'mức thu', before: '10.000 ₫', after: '20.000 ₫' }]);
    const deadline = texts.find((t) => t.subject === 'thời hạn giải quyết')!;
    expect(deadline.details[0]).toMatchObject({ before: '3 ngày làm việc', after: '5 ngày làm việc' });
    const step = texts.find((t) => t.path === 'steps.sign')!;
    expect(step.verb).toBe('Thêm');
    expect(step.subject).toBe('bước “Ký duyệt” (sign)');
    for (const t of texts) for (const d of t.details) expect(`${d.before ?? ''}${d.after ?? ''}`).not.toMatch(/[{}]/);
  });

  it('shows values as words', () => {
    expect(showValue(true)).toBe('có');
    expect(showValue({ vi: 'Tên', en: 'Name' })).toBe('“Tên”');
    expect(showValue({ role: 'r', to: 'done' })).toBe('vai trò: “r”; chuyển đến: “done”');
    expect(draftStatus('submitted')).toBe('Chờ phê duyệt');
    // Ids of the format and of the catalogues read as words.
    expect(showValue({ kind: 'task', level: 'commune', role: 'r' }, undefined, 0, { roles: new Map([['r', { name: { vi: 'Công chức tư pháp' } }]]) })).toBe('loại: xử lý; cấp: cấp xã; vai trò: Công chức tư pháp');
    expect(showValue(['citizen', 'business'], 'applicants')).toBe('công dân, doanh nghiệp');
  });

  it('reads in English when English is chosen', async () => {
    await setLanguage('en');
    try {
      expect(draftStatus('submitted')).toBe('Awaiting review');
      expect(showValue({ kind: 'task', level: 'commune' })).toBe('kind: task; level: commune');
      expect(showValue(false)).toBe('no');
    } finally {
      await setLanguage('vi');
    }
  });
});
