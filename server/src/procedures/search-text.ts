/**
 * Vietnamese search without diacritics: "dang ky khai sinh" finds "Đăng ký khai sinh".
 * NFD splits letters from their marks; đ/Đ has no decomposition and is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word as typed: letters (with their marks, composed or not), digits and dots (a code such as 1.001193 is one word). */
const RAW_WORD = /[\p{L}\p{M}\p{N}.]+/gu;

/** Folded words by their raw form: a language has few distinct words, so each is folded once. */
const folded = new Map<string, string>();
const MAX_MEMO = 100_000;

/**
 * The words a search compares: folded (see {@link foldVietnamese}) and with the spellings
 * people use for the same word made equal, so that "dang ki", "dang ky" and "đăng ký" are one:
 * - i/y: "ký"/"kí", "lý"/"lí", "quy"/"qui" (both are taught; y is read as i);
 * - "dd" for đ: Telex typed without an input method ("ddang ky");
 * - "f" for "ph" ("fuong" for "phường"), as typed in haste.
 * Applied to the indexed text and to the query alike, so a match never depends on which of
 * the spellings either side used.
 */
export function searchWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().match(RAW_WORD) ?? []) {
    let word = folded.get(raw);
    if (word === undefined) {
      word = spelling(foldVietnamese(raw));
      // Bounded: an index of any size, or hostile queries, never grow it without end.
      if (folded.size >= MAX_MEMO) folded.clear();
      folded.set(raw, word);
    }
    if (word !== '') out.push(word);
  }
  return out;
}

function spelling(word: string): string {
  return word.replace(/^dd/, 'd').replace(/^f/, 'ph').replace(/y/g, 'i');
}
