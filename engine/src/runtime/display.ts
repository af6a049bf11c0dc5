/**
 * An e-form value as a citizen reads it, wherever it is shown (the portal's e-form and case
 * pages, the result PDF): dates `dd/mm/yyyy`, yes/no in Vietnamese, and the coded values the
 * national population record uses (`male`, `married`...) by their Vietnamese names.
 */

/** Vietnamese names of the coded values of the population record (gender, marital status). */
export const CODED_VALUES_VI: Readonly<Record<string, string>> = {
  male: 'Nam',
  female: 'Nữ',
  single: 'Chưa kết hôn',
  married: 'Đã kết hôn',
  divorced: 'Đã ly hôn',
  widowed: 'Góa',
};

/** A scalar value as text (`''` for an object, null or absent value: the caller walks objects). */
export function valueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : (CODED_VALUES_VI[value] ?? value);
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(', ');
  return '';
}

/**
 * A result document's title, as printed and shown: the outcome's Vietnamese name without its
 * leading "Cấp" (issue), e.g. "Giấy xác nhận tình trạng hôn nhân"; else the document type id.
 */
export function documentTitle(doc: { document: string; outcome: string }, procedure: { outcomes: Record<string, { name?: { vi: string } } | undefined> } | undefined): string {
  const name = procedure?.outcomes[doc.outcome]?.name?.vi;
  return name ? name.replace(/^Cấp\s+/u, '') : doc.document;
}
