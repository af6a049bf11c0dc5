/**
 * The simulator's results in words: why a scenario step failed or a hand step was refused, in
 * the reader's language (Vietnamese first), from the runner's structured failure (`field`,
 * `expected`, `actual`) rather than its English message.
 */
import type { CaseFailure } from 'motcua/testing/pure';
import { knowsErrorCode, serverErrorText } from '../lib/error-text';
import { formatDateTime, formatVnd } from '../lib/format';

/** A translation function (i18next's `t` of the `simulator` namespace). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

const ERROR_CODE = /^(E_[A-Z0-9_]+)\b/;

/** A refusal's code in words, keeping the runner's own text as the detail. */
export function refusalText(t: Translate, code: string | undefined, message: string): string {
  if (!code) return message;
  const known = t(`errors.${code}`, { defaultValue: '' });
  if (known) return `${known} (${code})`;
  // The runtime's refusals are the server's too: their text lives once, in lib/error-text (when the page loaded it).
  if (knowsErrorCode(code)) return `${serverErrorText({ code, message }).message} (${code})`;
  return `${t('errors.other', { code })}: ${message}`;
}

/** A value as the reader reads it: states and statuses in words, money in đồng, instants local. */
export function valueText(t: Translate, field: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => valueText(t, field, v)).join(', ');
  if (field === 'status' && typeof value === 'string') return t(`status.${value}`, { defaultValue: value });
  if (field.startsWith('components.') && typeof value === 'string') return t(`component.${value}`, { defaultValue: value });
  if (field === 'fees' && typeof value === 'number') return formatVnd(value);
  if (field === 'deadline' && typeof value === 'string') return formatDateTime(value);
  if (typeof value === 'string') return `«${value}»`;
  return JSON.stringify(value);
}

/** Why a scenario case failed at its first failing step, in words. */
export function failureText(t: Translate, f: CaseFailure): string {
  const where = t('scenarios.step', { n: f.step + 1, line: f.line });
  if (f.field === 'error') {
    const actual = typeof f.actual === 'string' ? f.actual : JSON.stringify(f.actual ?? '');
    const code = ERROR_CODE.exec(actual)?.[1];
    if (f.expected === 'no refusal') return `${where}: ${t('reason.refused', { error: refusalText(t, code, actual) })}`;
    const got = code ? refusalText(t, code, actual) : t('reason.notRefused');
    return `${where}: ${t('reason.expectedRefusal', { expected: String(f.expected), actual: got })}`;
  }
  if (f.field) {
    const [head, sub] = f.field.split('.');
    const name = t(`reason.field.${head ?? f.field}`, { defaultValue: head ?? f.field }) + (sub ? ` «${sub}»` : '');
    return `${where}: ${t('reason.mismatch', { field: name, expected: valueText(t, f.field, f.expected), actual: valueText(t, f.field, f.actual) })}`;
  }
  const code = ERROR_CODE.exec(f.message)?.[1];
  return `${where}: ${code ? refusalText(t, code, f.message) : t('reason.other', { message: f.message })}`;
}
