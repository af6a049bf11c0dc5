/**
 * Vietnamese-aware text helpers: search must find "Đăng ký khai sinh" from "dang ky khai sinh",
 * because many people type without diacritics (no IME, a phone keyboard, habit).
 */

/** Lower case, diacritics removed, đ folded to d, whitespace collapsed. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the library search looks at for one procedure. */
export interface Searchable {
  code: string;
  name: { vi: string; en?: string | undefined };
  sector: string;
}

/** Lower case and whitespace collapsed, diacritics kept (NFC). */
function plain(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const WORD = /[\p{L}\p{N}.]+/gu;

/**
 * Filters and ranks items for a query: every word of the query must start a word of the code,
 * the Vietnamese or English name, or the sector. A word typed without diacritics matches with
 * or without them ("khai sinh" finds "khai sinh"); a word typed with diacritics matches them
 * exactly ("khai tử" does not find "khai tư..."), because the user chose to type them. A code
 * prefix match ranks first, then a name that starts with the query, then file order.
 */
export function searchProcedures<T extends Searchable>(items: readonly T[], query: string): T[] {
  const q = foldVietnamese(query);
  if (q === '') return [...items];
  const words = plain(query).match(WORD) ?? [];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const name = foldVietnamese(item.name.vi);
    const exact = plain(`${item.code} ${item.name.vi} ${item.name.en ?? ''} ${item.sector}`).match(WORD) ?? [];
    const folded = exact.map(foldVietnamese);
    const hit = (w: string): boolean => {
      const f = foldVietnamese(w);
      return f === w ? folded.some((t) => t.startsWith(w)) : exact.some((t) => t.startsWith(w));
    };
    if (!words.every(hit)) return;
    const score = item.code.startsWith(q) ? 0 : name.startsWith(q) ? 1 : 2;
    scored.push({ item, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.item);
}
