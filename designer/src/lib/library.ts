/**
 * The procedures library bundled into the app at build time, so authors can browse and edit
 * without a server. The server's list (`GET /api/procedures`) is what citizens see, since it
 * knows which versions are in force.
 */
import { isOverlayValue, parseSource, resolveOverlay, selectBaseVersion, type OverlayFile, type Procedure } from 'motcua/engine';

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

/**
 * Parses raw files into entries, skipping files that are not procedures. Sorted by code. A
 * province's overlay (a file with `extends`) is resolved against its bundled national version
 * (the engine's `resolveOverlay`), so every entry is a full procedure; one that does not
 * resolve is skipped (`motcua validate` names its problem).
 */
export function toEntries(raw: Record<string, string>): LibraryEntry[] {
  const out: LibraryEntry[] = [];
  const overlays: { file: string; text: string; overlay: OverlayFile }[] = [];
  for (const [path, text] of Object.entries(raw)) {
    const file = path.replace(/^(\.\.\/)+/, '');
    const value = parseSource(text, file).value as Partial<Procedure> | undefined;
    if (isOverlayValue(value)) {
      overlays.push({ file, text, overlay: value as unknown as OverlayFile });
      continue;
    }
    if (!value || typeof value.code !== 'string' || typeof value.name?.vi !== 'string') continue;
    out.push({ file, text, procedure: value as Procedure });
  }
  for (const { file, text, overlay } of overlays) {
    const bases = out.filter((e) => e.procedure.code === overlay.extends?.code && !e.procedure.overlay);
    const version = selectBaseVersion(bases.map((e) => e.procedure.version), String(overlay.extends?.version ?? ''));
    const base = bases.find((e) => e.procedure.version === version)?.procedure;
    const procedure = base ? resolveOverlay(overlay, base).procedure : undefined;
    if (procedure) out.push({ file, text, procedure });
  }
  return out.sort((a, b) => a.procedure.code.localeCompare(b.procedure.code) || a.procedure.version.localeCompare(b.procedure.version));
}

/** The bundled library. */
export const LIBRARY: readonly LibraryEntry[] = toEntries(files);

/** The newest bundled version of a code. */
export function findEntry(code: string): LibraryEntry | undefined {
  return LIBRARY.filter((e) => e.procedure.code === code).at(-1);
}
