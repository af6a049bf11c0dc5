/**
 * E-form values as a reader of the language shown reads them: the coded values procedures use
 * in their `enum`s (`male`, `married`, `poor-household`, `ONT`...) by their names, yes/no in
 * words, numbers grouped for the language, dates `dd/mm/yyyy`. The names live in
 * `locales/<lng>/values.json` (a lazy namespace: pages that show e-form values load it with
 * `useTranslation([..., 'values'])`); `values.test.ts` checks that every `enum` value of the
 * library has one, so no select or case page shows a raw id. Before the namespace arrives, the
 * engine's Vietnamese names of the population record's values are used.
 */
import { CODED_VALUES_VI } from 'motcua/engine';
import { currentLanguage, i18next } from '../i18n';
import { formatNumber } from './format';

/** The name of a coded value in the language shown, or undefined when it has none. */
export function codedValueLabel(value: string): string | undefined {
  if (i18next.exists(`values:value.${value}`)) return i18next.t(`values:value.${value}`);
  return currentLanguage() === 'vi' ? CODED_VALUES_VI[value] : undefined;
}

/** A scalar e-form value as text (`''` for an object, null or absent value: the caller walks objects). */
export function displayValue(value: unknown): string {
  if (typeof value === 'boolean') return i18next.t(value ? 'values:yes' : 'values:no', { defaultValue: value ? 'Có' : 'Không' });
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : (codedValueLabel(value) ?? value);
  if (Array.isArray(value)) return value.map(displayValue).filter(Boolean).join(', ');
  return '';
}
