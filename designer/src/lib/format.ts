/**
 * Display formats in the language the user chose (Intl for numbers and dates): VND amounts,
 * date-times in Vietnam's time zone, deadlines, due status.
 */
import type { Duration, LocalizedText } from 'motcua/engine';
import { currentLanguage, i18next, type Language } from '../i18n';

/** The Intl locale of each language of the app. */
const INTL_LOCALE: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** The Intl locale of the language shown now (`vi-VN` or `en-GB`). */
export function intlLocale(): string {
  return INTL_LOCALE[currentLanguage()];
}

/**
 * One formatter per locale and options, made on first use and kept: building an Intl formatter
 * costs about a hundred times what formatting with it does (a list of 20 cards used to build 40
 * of them, the largest cost of the portal's first render on a phone).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n:${locale}:${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d:${locale}:${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A number grouped for the language shown (`12.345` in Vietnamese, `12,345` in English). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(intlLocale(), options).format(n);
}

const VND = { style: 'currency', currency: 'VND' } as const;

/** `10000` -> `10.000 ₫` (Vietnamese), `₫10,000` (English). */
export function formatVnd(amount: number): string {
  if (currentLanguage() === 'vi') return `${formatNumber(amount)} ₫`;
  return numberFormat(intlLocale(), VND).format(amount);
}

/** `{3, working-day}` -> `3 ngày làm việc` / `3 working days`; 0 working days reads "within the working day". */
export function formatDuration(d: Duration): string {
  if (d.value === 0 && d.unit === 'working-day') return i18next.t('common:duration.sameDay');
  return i18next.t(`common:duration.${d.unit}`, { count: d.value, n: formatNumber(d.value) });
}

/** The text in the wanted language (by default the one shown), falling back to Vietnamese. */
export function localized(text: LocalizedText | undefined, lang: Language = currentLanguage()): string {
  if (!text) return '';
  return text[lang] ?? text.vi;
}

const NUMERIC_DATE_TIME = {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
} as const;

/** A timestamp shown in Vietnam's time zone: `23/11/2026 14:05` (both languages read day first). */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFormat(intlLocale(), NUMERIC_DATE_TIME).formatToParts(d).map((p) => [p.type, p.value]));
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

/** The label of a due state in the language shown (empty for `none`). */
export function dueLabel(state: DueState): string {
  return state === 'none' ? '' : i18next.t(`common:due.${state}`);
}
