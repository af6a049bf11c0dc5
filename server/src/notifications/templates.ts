/**
 * What a citizen (or an officer) is told, and when: one template per kind of event, in
 * Vietnamese and English. Pure: an event of a case's timeline in, zero or one message out.
 */
import type { CaseEvent } from 'motcua/engine';

/** The kinds of notification, each with its own template. */
export const NOTIFICATION_KINDS = ['received', 'supplement-requested', 'due-soon', 'result-issued', 'result-awaiting-payment', 'rejected', 'payment-received', 'transferred'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Locale = 'vi' | 'en';

/** Who a notification goes to: the case's applicant, or the officers holding a task. */
export type Audience = { kind: 'applicant' } | { kind: 'officers'; step: string };

/** A notification decided from one event, before it has a recipient. */
export interface PlannedMessage {
  kind: NotificationKind;
  audience: Audience;
  /** Values the template reads (the officer's note, the reason, the amount...). */
  values: Record<string, string>;
}

/** The case as a message names it. */
export interface CaseFacts {
  id: string;
  procedureName: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 2000) : undefined;
}

/** The officer's note and the components asked for, from a request-supplement form. */
function supplementValues(form: unknown): Record<string, string> {
  const f = (typeof form === 'object' && form !== null ? form : {}) as Record<string, unknown>;
  const note = text(f['note']) ?? text(f['reason']);
  const components = Array.isArray(f['components']) ? f['components'].filter((c): c is string => typeof c === 'string').join(', ') : undefined;
  return { ...(note ? { note } : {}), ...(components ? { components } : {}) };
}

/**
 * The message an event calls for, if any. `previous` is the event just before it in the
 * same case (a `closed` event follows the transition whose form holds the reason).
 */
export function planMessage(event: CaseEvent, previous: CaseEvent | undefined): PlannedMessage | undefined {
  switch (event.type) {
    case 'submitted':
      // A dossier awaiting the consent of a person it names is not received yet: the last consent receives it.
      if (event.detail?.['awaitingConsent'] !== undefined) return undefined;
      return { kind: 'received', audience: { kind: 'applicant' }, values: {} };
    case 'consented':
      return event.detail?.['complete'] === true ? { kind: 'received', audience: { kind: 'applicant' }, values: {} } : undefined;
    case 'transition':
      if (event.action === 'request-supplement') return { kind: 'supplement-requested', audience: { kind: 'applicant' }, values: supplementValues(event.form) };
      return undefined;
    case 'due-soon':
      return event.step ? { kind: 'due-soon', audience: { kind: 'officers', step: event.step }, values: { step: event.step } } : undefined;
    case 'result-issued': {
      const document = text(event.detail?.['document']) ?? text((event.detail?.['document'] as { id?: unknown } | undefined)?.id);
      return { kind: 'result-issued', audience: { kind: 'applicant' }, values: document ? { document } : {} };
    }
    case 'result-held': {
      const balance = event.detail?.['balance'];
      return { kind: 'result-awaiting-payment', audience: { kind: 'applicant' }, values: typeof balance === 'number' ? { amount: balance.toLocaleString('vi-VN') } : {} };
    }
    case 'closed': {
      if (event.detail?.['status'] !== 'rejected') return undefined;
      const form = (previous?.form ?? {}) as Record<string, unknown>;
      const reason = text(form['reason']);
      return { kind: 'rejected', audience: { kind: 'applicant' }, values: reason ? { reason } : {} };
    }
    case 'paid': {
      const amount = event.detail?.['amount'];
      return { kind: 'payment-received', audience: { kind: 'applicant' }, values: typeof amount === 'number' ? { amount: amount.toLocaleString('vi-VN') } : {} };
    }
    case 'transferred': {
      // A reorganization moved the case: the applicant learns which unit handles it now.
      const unit = text(event.detail?.['toName']) ?? text(event.detail?.['to']);
      return { kind: 'transferred', audience: { kind: 'applicant' }, values: unit ? { unit } : {} };
    }
    case 'resumed':
    case 'suspended':
    case 'extended':
    case 'child-started':
    case 'child-finished':
    case 'overdue':
    case 'withdrawn':
      return undefined;
  }
}

/** A rendered message: a subject line and a plain-text body. */
export interface RenderedMessage {
  subject: string;
  body: string;
}

const TEMPLATES: Record<NotificationKind, Record<Locale, (c: CaseFacts, v: Record<string, string>) => RenderedMessage>> = {
  received: {
    vi: (c) => ({ subject: `Đã tiếp nhận hồ sơ ${c.id}`, body: `Hồ sơ "${c.procedureName}" (mã ${c.id}) đã được tiếp nhận. Bạn có thể theo dõi tiến độ trên Cổng dịch vụ công.` }),
    en: (c) => ({ subject: `Case ${c.id} received`, body: `Your case "${c.procedureName}" (${c.id}) has been received. Follow its progress on the portal.` }),
  },
  'supplement-requested': {
    vi: (c, v) => ({
      subject: `Hồ sơ ${c.id} cần bổ sung`,
      body: [`Hồ sơ "${c.procedureName}" (mã ${c.id}) cần bổ sung.`, v['components'] ? `Giấy tờ cần bổ sung: ${v['components']}.` : '', v['note'] ? `Ghi chú của cán bộ: ${v['note']}` : ''].filter(Boolean).join('\n'),
    }),
    en: (c, v) => ({
      subject: `Case ${c.id}: documents requested`,
      body: [`Your case "${c.procedureName}" (${c.id}) needs more documents.`, v['components'] ? `Requested: ${v['components']}.` : '', v['note'] ? `Officer's note: ${v['note']}` : ''].filter(Boolean).join('\n'),
    }),
  },
  'due-soon': {
    vi: (c, v) => ({ subject: `Hồ sơ ${c.id} sắp đến hạn`, body: `Hồ sơ "${c.procedureName}" (mã ${c.id}) ở bước "${v['step'] ?? ''}" sắp đến hạn xử lý.` }),
    en: (c, v) => ({ subject: `Case ${c.id} is due soon`, body: `Case "${c.procedureName}" (${c.id}) is due soon at step "${v['step'] ?? ''}".` }),
  },
  'result-issued': {
    vi: (c, v) => ({ subject: `Đã có kết quả hồ sơ ${c.id}`, body: `Kết quả giải quyết hồ sơ "${c.procedureName}" (mã ${c.id}) đã được cấp${v['document'] ? ` (văn bản số ${v['document']})` : ''} và lưu trong kho dữ liệu của bạn.` }),
    en: (c, v) => ({ subject: `Result of case ${c.id} issued`, body: `The result of your case "${c.procedureName}" (${c.id}) has been issued${v['document'] ? ` (document ${v['document']})` : ''} and kept in your wallet.` }),
  },
  'result-awaiting-payment': {
    vi: (c, v) => ({ subject: `Hồ sơ ${c.id} đã được giải quyết: nộp phí để nhận kết quả`, body: `Hồ sơ "${c.procedureName}" (mã ${c.id}) đã được giải quyết. Kết quả được cấp sau khi bạn nộp phí${v['amount'] ? ` ${v['amount']} đồng` : ''} trên Cổng dịch vụ công.` }),
    en: (c, v) => ({ subject: `Case ${c.id} decided: pay to receive the result`, body: `Your case "${c.procedureName}" (${c.id}) has been decided. The result is issued once you pay the fees${v['amount'] ? ` (${v['amount']} VND)` : ''} on the portal.` }),
  },
  rejected: {
    vi: (c, v) => ({ subject: `Hồ sơ ${c.id} bị từ chối`, body: `Hồ sơ "${c.procedureName}" (mã ${c.id}) không được giải quyết.${v['reason'] ? `\nLý do: ${v['reason']}` : ''}` }),
    en: (c, v) => ({ subject: `Case ${c.id} refused`, body: `Your case "${c.procedureName}" (${c.id}) was refused.${v['reason'] ? `\nReason: ${v['reason']}` : ''}` }),
  },
  'payment-received': {
    vi: (c, v) => ({ subject: `Đã nhận phí, lệ phí hồ sơ ${c.id}`, body: `Đã nhận khoản thanh toán${v['amount'] ? ` ${v['amount']} đồng` : ''} cho hồ sơ "${c.procedureName}" (mã ${c.id}).` }),
    en: (c, v) => ({ subject: `Payment received for case ${c.id}`, body: `Payment${v['amount'] ? ` of ${v['amount']} VND` : ''} received for your case "${c.procedureName}" (${c.id}).` }),
  },
  transferred: {
    vi: (c, v) => ({
      subject: `Hồ sơ ${c.id} được chuyển đơn vị giải quyết`,
      body: `Do sắp xếp đơn vị hành chính, hồ sơ "${c.procedureName}" (mã ${c.id}) được chuyển đến ${v['unit'] ?? 'đơn vị mới'} để tiếp tục giải quyết. Thời hạn giải quyết và giấy tờ đã nộp được giữ nguyên; bạn không cần nộp lại.`,
    }),
    en: (c, v) => ({
      subject: `Case ${c.id} moved to another unit`,
      body: `Because administrative units were reorganized, your case "${c.procedureName}" (${c.id}) is now handled by ${v['unit'] ?? 'the new unit'}. Its deadline and the documents you filed are kept; you need not file again.`,
    }),
  },
};

/** The message in one language. */
export function renderMessage(kind: NotificationKind, locale: Locale, facts: CaseFacts, values: Record<string, string>): RenderedMessage {
  return TEMPLATES[kind][locale](facts, values);
}
