import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Folders of a library that hold something other than procedures. */
export const NON_PROCEDURE_DIRS = new Set(['calendars', 'catalogues', 'node_modules']);

/** True for a procedure file name: `*.yaml`/`*.yml` but not a `*.test.yaml` scenario. */
export function isProcedureFile(file: string): boolean {
  const name = basename(file);
  return /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name);
}

/** Procedure files under `dir`, recursively, sorted; skips calendars/, catalogues/ and dot folders. */
export function findProcedureFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (!NON_PROCEDURE_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && isProcedureFile(e.name)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * The library a path belongs to: the nearest folder, from `start` upwards, that has a
 * `catalogues/` or `calendars/` folder. Undefined when there is none.
 */
export function findLibraryRoot(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    if (existsSync(join(dir, 'catalogues')) || existsSync(join(dir, 'calendars'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
