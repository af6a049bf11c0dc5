/**
 * The library cache: what loading a procedure file produced (its parsed value, its
 * diagnostics, and what the server adds, such as its content hash and whether it compiled),
 * kept between runs in one JSON file and reused while the file's text, the catalogues, the
 * calendars, the library's codes and versions and the engine itself are unchanged. A warm
 * start parses no YAML and validates nothing; any change invalidates exactly what it could
 * affect (a file's own text: that file; a catalogue or a new version: every validation).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';

/** Bumped when the cache file's shape changes (2: written as ASCII, the engine's fingerprint first). */
const FORMAT = 2;

/** What one procedure file left in the cache. */
export interface CachedProcedureFile {
  /** sha256 of the file's bytes (of its UTF-8 text). */
  text: string;
  /**
   * The file's size and modification time (`size:mtimeMs`) when its bytes had that hash, kept
   * once the file had not changed for a while: a file with the same is not read again.
   */
  stat?: string;
  /** The YAML value (plain JSON data) and the parser's own findings. */
  value: unknown;
  yaml: Diagnostic[];
  /** The validation context it was validated in ({@link LibraryCache.context}), and what it found. */
  context?: string;
  diagnostics?: Diagnostic[];
  /** What a consumer (the server) derived from the procedure, e.g. its content hash; cleared with the validation. */
  extra?: Record<string, unknown>;
}

/** The cache the loader reads and writes; {@link fileLibraryCache} keeps it in a file. */
export interface LibraryCache {
  get(file: string): CachedProcedureFile | undefined;
  set(file: string, entry: CachedProcedureFile): void;
  /** Adds what a consumer derived from a file whose entry is current. */
  setExtra(file: string, extra: Record<string, unknown>): void;
  /** Writes the cache if anything changed, keeping only the files read since it was opened. */
  save(): void;
}

/** sha256 hex of a text (of its UTF-8 bytes) or of bytes: equal for a file's bytes and its text. */
export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * A fingerprint of the engine's own code (every code file's path and content under the
 * engine's sources or build): a new validator or compiler never trusts an older run's verdict.
 * By content, not modification time: rebuilding the same code (`npm start` builds every time)
 * keeps the cache. Source maps and the build's stamp are not code.
 */
export function engineFingerprint(): string {
  const root = join(import.meta.dirname, '..');
  const hash = createHash('sha256').update(String(FORMAT));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?[jt]s|json)$/.test(name)) hash.update(`\n${relative(root, path)}\n`).update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest('hex');
}

interface CacheFile {
  format: number;
  engine: string;
  files: Record<string, CachedProcedureFile>;
}

/** What a cache file of this format and engine starts with (JSON.stringify keeps the keys' order). */
const header = (engine: string): string => `{"format":${FORMAT},"engine":${JSON.stringify(engine)},`;

const HEX = '0123456789abcdef';

/**
 * The cache's JSON as bytes, every character past ASCII written as a `\u` escape. Why: a warm
 * start reads the whole cache (24 MB for 5,000 procedures, mostly Vietnamese text), and Node
 * decodes an ASCII file into a one-byte string about three times as fast as UTF-8 holding
 * Vietnamese into a two-byte one (0.1 s against 0.3 s here), for 9% more bytes. Written byte
 * by byte: a regular expression's replacement per character took 0.5 s of every save.
 */
function asciiJson(value: unknown): Buffer {
  const text = JSON.stringify(value);
  let escaped = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) escaped++;
  const out = Buffer.allocUnsafe(text.length + 5 * escaped);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x7f) {
      out[o++] = c;
      continue;
    }
    // `\uXXXX`; a character outside the BMP is two such escapes, one per UTF-16 unit, as JSON has it.
    out[o++] = 0x5c;
    out[o++] = 0x75;
    for (const shift of [12, 8, 4, 0]) out[o++] = HEX.charCodeAt((c >> shift) & 15);
  }
  return out;
}

/** The cache file's text, or undefined when it is not this format's for this engine (then it is not parsed at all). */
function readCacheText(path: string, engine: string): string | undefined {
  const bytes = readFileSync(path);
  const head = header(engine);
  if (bytes.length < head.length || bytes.toString('latin1', 0, head.length) !== head) return undefined;
  // Written as ASCII; should someone have edited it, UTF-8 still reads it right.
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * The cache in one JSON file at `path` (created with its folder when first saved; written to
 * a temporary file and renamed, so that a crash never leaves half a cache). An unreadable or
 * foreign file is ignored: the library then loads cold and the cache is rewritten. A cache
 * of another format or engine is known by its first bytes and never parsed: a start after an
 * upgrade does not hold a useless 24 MB of values.
 */
export function fileLibraryCache(path: string): LibraryCache {
  const engine = engineFingerprint();
  let stored: Record<string, CachedProcedureFile> = {};
  if (existsSync(path)) {
    try {
      const text = readCacheText(path, engine);
      const parsed = (text === undefined ? {} : JSON.parse(text)) as Partial<CacheFile>;
      if (parsed.format === FORMAT && parsed.engine === engine && parsed.files && typeof parsed.files === 'object') stored = parsed.files;
    } catch {
      stored = {};
    }
  }
  const kept = new Map<string, CachedProcedureFile>();
  let changed = false;
  return {
    get(file) {
      const entry = kept.get(file) ?? stored[file];
      if (entry) kept.set(file, entry);
      return entry;
    },
    set(file, entry) {
      kept.set(file, entry);
      changed = true;
    },
    setExtra(file, extra) {
      const entry = kept.get(file);
      if (!entry) return;
      kept.set(file, { ...entry, extra: { ...entry.extra, ...extra } });
      changed = true;
    },
    save() {
      if (!changed && kept.size === Object.keys(stored).length) return;
      const body: CacheFile = { format: FORMAT, engine, files: Object.fromEntries(kept) };
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, asciiJson(body));
      renameSync(tmp, path);
      stored = body.files;
      changed = false;
    },
  };
}
