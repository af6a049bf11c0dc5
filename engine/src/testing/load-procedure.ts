import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileProcedure, type CompiledProcedure } from '../compile';
import { formatDiagnostic, hasErrors } from '../diagnostics/diagnostic';
import { InvalidDefinitionError, NotFoundError } from '../errors';
import type { Library, LoadedProcedure } from '../library/catalog';
import { findLibraryRoot, loadLibrarySync } from '../loader';

/** A procedure ready for tests, with the library it lives in (calendars, sources, other procedures). */
export interface LoadedForTest {
  compiled: CompiledProcedure;
  library: Library;
  file: string;
  /** The library folder (the nearest one up with catalogues/ or calendars/). */
  root: string;
}

/**
 * Loads a procedure for tests: from its file (`procedures/x/y.yaml`) or by code, looked up in
 * the library found from `from` (default the current folder). The whole library is loaded
 * and validated so that child procedures and calendars resolve; throws
 * `InvalidDefinitionError` listing the file's diagnostics when the procedure does not validate.
 */
export function loadProcedure(fileOrCode: string, from: string = process.cwd()): LoadedForTest {
  const asFile = resolve(from, fileOrCode);
  const isFile = existsSync(asFile) && statSync(asFile).isFile();
  const start = isFile ? asFile : existsSync(resolve(from, 'procedures')) && !findLibraryRoot(from) ? resolve(from, 'procedures') : from;
  const root = findLibraryRoot(start) ?? (isFile ? resolve(asFile, '..') : start);
  const loaded = loadLibrarySync(root);
  let entry: LoadedProcedure | undefined;
  if (isFile) {
    for (const list of loaded.library.procedures.values()) entry ??= list.find((p) => resolve(p.file) === asFile);
    if (!entry) {
      const own = loaded.diagnostics.filter((d) => resolve(d.file) === asFile);
      if (hasErrors(own)) throw new InvalidDefinitionError(`${fileOrCode} does not validate:\n${own.map(formatDiagnostic).join('\n')}`, own, { path: fileOrCode });
      throw new NotFoundError('E_NOT_A_PROCEDURE', `${fileOrCode} is not a procedure of the library at ${root}`, { hint: 'Give a procedure file (not a *.test.yaml scenario) or a procedure code.' });
    }
  } else {
    entry = loaded.library.procedures.get(fileOrCode)?.at(-1);
    if (!entry) {
      throw new NotFoundError('E_UNKNOWN_PROCEDURE', `no procedure with code '${fileOrCode}' in the library at ${root}`, { hint: 'Give a procedure file path, or a code of the library (run from the library folder).' });
    }
  }
  return { compiled: compileProcedure(entry.procedure, { file: entry.file }), library: loaded.library, file: entry.file, root };
}
