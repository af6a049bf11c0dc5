/**
 * Words for the publishing lifecycle (docs/publishing.md) in the language shown: draft
 * statuses, version states, review steps, and the semantic diff (`GET /api/drafts/:id/diff`)
 * turned into sentences a reviewer reads instead of JSON. The words live in
 * `locales/<lng>/lifecycle.json` (loaded with the designer's pages: `useTranslation('lifecycle')`).
 * Pure, so that it is unit-tested.
 */
import type { DiffArea, DiffChange, DraftStatus, VersionView } from 'motcua/contract';
import { i18next } from '../i18n';
import { formatDuration, formatNumber, formatVnd, localized } from '../lib/format';

const t = (key: string, options?: Record<string, unknown>): string => i18next.t(`lifecycle:${key}`, options ?? {});

/** A draft's status in words (`submitted` -> "Chờ phê duyệt"). */
export function draftStatus(s: DraftStatus): string {
  return t(`draftStatus.${s}`);
}

/** A version's state in words. */
export function versionState(s: VersionView['state']): string {
  return t(`versionState.${s}`);
}

/** A review step in words (submitted, returned, approved). */
export function reviewKind(k: 'submit' | 'return' | 'approve'): string {
  return t(`reviewKind.${k}`);
}

/** An area of the diff (steps, fees...) in words. */
export function diffArea(a: DiffArea): string {
  return t(`area.${a}`);
}

/** How ids of the library's catalogues read (role id -> its name). */
export interface Names {
  roles?: ReadonlyMap<string, { name: { vi: string; en?: string } }>;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property name in words (a name the texts lack is shown as written). */
export function propertyName(key: string): string {
  return t(`property.${key}`, { defaultValue: key });
}

/** A value in words: a name in the language shown, a duration, an amount, a list; never JSON braces. */
export function showValue(v: unknown, key?: string, depth = 0, names: Names = {}): string {
  if (v === null || v === undefined) return t('show.none');
  if (typeof v === 'boolean') return t(v ? 'show.yes' : 'show.no');
  if (typeof v === 'number') return key === 'amount' ? formatVnd(v) : formatNumber(v);
  if (typeof v === 'string') {
    const role = key === 'role' ? names.roles?.get(v) : undefined;
    const word = role ? localized(role.name) : key && i18next.exists(`lifecycle:value.${key}.${v}`) ? t(`value.${key}.${v}`) : undefined;
    return word ?? `“${v}”`;
  }
  if (Array.isArray(v)) return v.length === 0 ? t('show.empty') : v.map((x) => showValue(x, key, depth + 1, names)).join(', ');
  if (isRec(v)) {
    if (typeof v.vi === 'string') return `“${localized(v as { vi: string; en?: string })}”`;
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
    if (isRec(x) && typeof x.vi === 'string') return localized(x as { vi: string; en?: string });
  }
  return undefined;
};

/** One change as a reviewer reads it. */
export interface ChangeText {
  /** "Thêm" / "Bỏ" / "Sửa" (Added / Removed / Changed). */
  verb: string;
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
  const named = (what: string): string => (name ? t('subject.named', { what: t(`subject.${what}`), name, id: last }) : t('subject.unnamed', { what: t(`subject.${what}`), id: last }));
  switch (c.area) {
    case 'procedure':
      return propertyName(c.path);
    case 'deadline':
      return t('subject.deadline');
    case 'step':
      return named('step');
    case 'action': {
      const [, step, , action] = c.path.split('.');
      return name ? t('subject.action', { name, action: action ?? last, step: step ?? '' }) : t('subject.actionUnnamed', { action: action ?? last, step: step ?? '' });
    }
    case 'field':
      return named(c.path.startsWith('data.') ? 'field' : 'actionField');
    case 'component':
      return named('component');
    case 'fee':
      return named('fee');
  }
}

/** Describes one change of the semantic diff in words. */
export function describeChange(c: DiffChange, names: Names = {}): ChangeText {
  const base = { verb: t(`change.${c.kind}`), subject: subjectOf(c), path: c.path };
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
