/**
 * The procedures library bundled into the app at build time, so authors can browse and edit
 * without a server. The server's list (`GET /api/procedures`) is what citizens see, since it
 * knows which versions are in force.
 */
import { type Procedure, parseSource } from 'motcua/engine';

/** One procedure file of the library. */
export interface LibraryEntry {
  file: string;
  text: string;
  procedure: Procedure;
}

const files = import.meta.glob<string>(['../../../procedures/**/*.yaml', '!../../../procedures/**/*.test.yaml', '!../../../procedures/catalogues/**', '!../../../procedures/calendars/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Parses raw files into entries, skipping files that are not procedures. Sorted by code. */
export function toEntries(raw: Record<string, string>): LibraryEntry[] {
  const out: LibraryEntry[] = [];
  for (const [path, text] of Object.entries(raw)) {
    const file = path.replace(/^(\.\.\/)+/, '');
    const value = parseSource(text, file).value as Partial<Procedure> | undefined;
    if (!value || typeof value.code !== 'string' || typeof value.name?.vi !== 'string') continue;
    out.push({ file, text, procedure: value as Procedure });
  }
  return out.sort((a, b) => a.procedure.code.localeCompare(b.procedure.code) || a.procedure.version.localeCompare(b.procedure.version));
}

/** The bundled library. */
export const LIBRARY: readonly LibraryEntry[] = toEntries(files);

/** The newest bundled version of a code. */
export function findEntry(code: string): LibraryEntry | undefined {
  return LIBRARY.filter((e) => e.procedure.code === code).at(-1);
}
