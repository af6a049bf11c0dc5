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

const isLibrary = (dir: string): boolean => existsSync(join(dir, 'catalogues')) || existsSync(join(dir, 'calendars'));

/** How {@link discoverLibrary} found a file's library. */
export type LibraryDiscovery =
  | { kind: 'enclosing'; root: string }
  | { kind: 'procedures-folder'; root: string }
  | { kind: 'none' };

/**
 * The library whose catalogues apply to a file that may lie outside any library: the enclosing
 * library ({@link findLibraryRoot}); else the nearest `procedures/` library beside a folder
 * upwards (a draft at the root of a repository); else the `procedures/` library of the working
 * directory. `none` means the library checks cannot run, which the caller must say.
 */
export function discoverLibrary(file: string, cwd: string): LibraryDiscovery {
  const enclosing = findLibraryRoot(file);
  if (enclosing !== undefined) return { kind: 'enclosing', root: enclosing };
  let dir = dirname(resolve(file));
  for (;;) {
    const candidate = join(dir, 'procedures');
    if (isLibrary(candidate)) return { kind: 'procedures-folder', root: candidate };
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const here = join(resolve(cwd), 'procedures');
  return isLibrary(here) ? { kind: 'procedures-folder', root: here } : { kind: 'none' };
}
