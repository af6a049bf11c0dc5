/** Display formats: VND amounts, local date-times, deadlines, due status. */
import type { DeadlineUnit, Duration, LocalizedText } from 'motcua/engine';

const vnd = new Intl.NumberFormat('vi-VN');

/** `10000` -> `10.000 ₫`. */
export function formatVnd(amount: number): string {
  return `${vnd.format(amount)} ₫`;
}

const UNIT_LABELS: Record<DeadlineUnit, string> = {
  'working-day': 'ngày làm việc',
  'working-hour': 'giờ làm việc',
  'calendar-day': 'ngày',
};

/** `{3, working-day}` -> `3 ngày làm việc`; value 0 working days reads "trong ngày". */
export function formatDuration(d: Duration): string {
  if (d.value === 0 && d.unit === 'working-day') return 'Trong ngày làm việc';
  return `${d.value} ${UNIT_LABELS[d.unit]}`;
}

/** The text in the wanted language, falling back to Vietnamese. */
export function localized(text: LocalizedText | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (!text) return '';
  return text[lang] ?? text.vi;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** A timestamp shown in Vietnam's time zone: `23/11/2026 14:05`. */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(DATE_TIME.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The day of a timestamp in Vietnam's time zone: `23/11/2026`. */
export function formatDate(iso: string | undefined | null): string {
  return formatDateTime(iso).split(' ')[0] ?? '—';
}

export const DUE_STATES = { overdue: 'overdue', dueSoon: 'due-soon', onTrack: 'on-track', none: 'none' } as const;
export type DueState = (typeof DUE_STATES)[keyof typeof DUE_STATES];

/**
 * Where a case stands against its due instant. The server may send its own flags
 * (`overdue`, `dueSoon`); they win, because the server knows the working calendar.
 */
export function dueState(
  item: { due?: string | null; overdue?: boolean; dueSoon?: boolean },
  now: Date,
  soonMs = 4 * 3600_000,
): DueState {
  if (item.overdue === true) return DUE_STATES.overdue;
  if (item.dueSoon === true) return DUE_STATES.dueSoon;
  if (!item.due) return DUE_STATES.none;
  const due = new Date(item.due).getTime();
  if (Number.isNaN(due)) return DUE_STATES.none;
  if (item.overdue === undefined && due < now.getTime()) return DUE_STATES.overdue;
  if (item.dueSoon === undefined && due - now.getTime() <= soonMs && due >= now.getTime()) return DUE_STATES.dueSoon;
  return DUE_STATES.onTrack;
}

/** Vietnamese label of a due state. */
export const DUE_LABELS: Record<DueState, string> = {
  overdue: 'Quá hạn',
  'due-soon': 'Sắp đến hạn',
  'on-track': 'Trong hạn',
  none: '',
};
