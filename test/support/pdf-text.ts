/**
 * The text of a PDF, page by page, as PDF.js (the `pdfjs-dist` package, Firefox's reader)
 * extracts it: what a reader copying from the document gets. Tests check that Vietnamese
 * names come out exactly (diacritics included), which needs an embedded Unicode font with a
 * correct ToUnicode map, not merely glyphs that look right.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, each page's items joined with spaces and lines with newlines. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n');
}
