import { describe, expect, it } from 'vitest';
import type { CaseEvent } from 'motcua/engine';
import { NOTIFICATION_KINDS, planMessage, renderMessage } from './templates';

const at = '2026-03-02T09:00:00+07:00';
const facts = { id: 'C-1', procedureName: 'Đăng ký khai sinh' };

describe('notification templates', () => {
  it('plans one message per kind of event that concerns someone, and none for the rest', () => {
    expect(planMessage({ type: 'submitted', at }, undefined)?.kind).toBe('received');
    // Awaiting the consent of a person the case names: received only with the last consent.
    expect(planMessage({ type: 'submitted', at, detail: { awaitingConsent: ['bride'] } }, undefined)).toBeUndefined();
    expect(planMessage({ type: 'consented', at, detail: { subject: 'bride', complete: false } }, undefined)).toBeUndefined();
    expect(planMessage({ type: 'consented', at, detail: { subject: 'groom', complete: true } }, undefined)?.kind).toBe('received');
    expect(planMessage({ type: 'transition', at, action: 'request-supplement', form: { note: 'Thiếu giấy chứng sinh', components: ['birth-notice'] } }, undefined)).toEqual({
      kind: 'supplement-requested',
      audience: { kind: 'applicant' },
      values: { note: 'Thiếu giấy chứng sinh', components: 'birth-notice' },
    });
    expect(planMessage({ type: 'transition', at, action: 'approve' }, undefined)).toBeUndefined();
    expect(planMessage({ type: 'due-soon', at, step: 'verify' }, undefined)).toMatchObject({ kind: 'due-soon', audience: { kind: 'officers', step: 'verify' } });
    expect(planMessage({ type: 'result-issued', at, detail: { document: 'KQ-1' } }, undefined)).toMatchObject({ kind: 'result-issued', values: { document: 'KQ-1' } });
    expect(planMessage({ type: 'paid', at, detail: { amount: 50000 } }, undefined)).toMatchObject({ kind: 'payment-received' });
    expect(planMessage({ type: 'result-held', at, detail: { outcome: 'approved', document: 'x', balance: 15000 } }, undefined)).toEqual({ kind: 'result-awaiting-payment', audience: { kind: 'applicant' }, values: { amount: (15000).toLocaleString('vi-VN') } });
    const reject: CaseEvent = { type: 'transition', at, action: 'reject', form: { reason: 'Sai mẫu' } };
    expect(planMessage({ type: 'closed', at, detail: { status: 'rejected' } }, reject)).toMatchObject({ kind: 'rejected', values: { reason: 'Sai mẫu' } });
    expect(planMessage({ type: 'closed', at, detail: { status: 'done' } }, undefined)).toBeUndefined();
    expect(planMessage({ type: 'transferred', at, detail: { from: 'minh-tri', to: 'kim-anh', toName: 'Xã Kim Anh' } }, undefined)).toEqual({
      kind: 'transferred',
      audience: { kind: 'applicant' },
      values: { unit: 'Xã Kim Anh' },
    });
    for (const type of ['resumed', 'suspended', 'extended', 'child-started', 'child-finished', 'overdue', 'withdrawn'] as const) expect(planMessage({ type, at }, undefined), type).toBeUndefined();
  });

  it('renders every kind in Vietnamese and English, naming the case and what matters', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const vi = renderMessage(kind, 'vi', facts, { note: 'Ghi chú', reason: 'Lý do X', amount: '50.000', step: 'verify', document: 'KQ-1' });
      const en = renderMessage(kind, 'en', facts, {});
      expect(vi.subject, kind).toContain('C-1');
      expect(en.subject, kind).toContain('C-1');
      expect(vi.subject, kind).not.toBe(en.subject);
    }
    expect(renderMessage('supplement-requested', 'vi', facts, { note: 'Nộp bản chính', components: 'giấy chứng sinh' }).body).toContain('Ghi chú của cán bộ: Nộp bản chính');
    expect(renderMessage('rejected', 'en', facts, { reason: 'Wrong form' }).body).toContain('Reason: Wrong form');
    expect(renderMessage('transferred', 'vi', facts, { unit: 'Xã Kim Anh' }).body).toContain('được chuyển đến Xã Kim Anh');
  });
});
