import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from 'motcua/engine';
import { discoverLibrary, findLibraryRoot, findProcedureFiles, loadLibrarySync, validateFilesSync } from 'motcua/engine/node';
import { outputFormat, parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua validate <files or folders...> [--format text|json] [--library <dir>]

Checks procedure files: YAML syntax, the format's JSON Schema, flow, CEL expressions, and
(with a library) roles, sources, units, calendars, linked procedures and overlapping
versions. Folders are searched for *.yaml procedures (scenarios *.test.yaml, calendars/ and
catalogues/ are skipped). The library is the one --library names, else the nearest folder
upwards with catalogues/ or calendars/, else the nearest procedures/ library beside a folder
upwards, else ./procedures. Where none is found the library checks are skipped, and a note
on stderr says so.

Options:
  --format text|json   text (default): file:line:col - error E_CODE: message; json: an array
  --library <dir>      the library whose catalogues apply
  -h, --help           this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

interface Options {
  format: 'text' | 'json';
  library: string | undefined;
  paths: string[];
}

function parse(args: string[]): Options {
  const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string', default: 'text' }, library: { type: 'string' } },
    });
  const format = outputFormat(parsed.values.format);
  if (parsed.positionals.length === 0) throw new UsageError('name at least one file or folder');
  return { format, library: parsed.values.library, paths: parsed.positionals };
}

const inside = (file: string, dir: string): boolean => file.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** Validates files and folders; see {@link usage}. */
export const command: Command = (args: string[], io: CliIO) => {
  const options = parse(args);
  const targets = options.paths.map((p) => resolve(io.cwd, p));
  targets.forEach((t, i) => {
    if (!existsSync(t)) throw new UsageError(`no such file or folder: ${options.paths[i] ?? t}`);
  });
  const library = options.library === undefined ? undefined : resolve(io.cwd, options.library);
  if (library !== undefined && !(existsSync(library) && statSync(library).isDirectory())) {
    throw new UsageError(`no such library folder: ${options.library ?? ''}`);
  }

  // Every procedure file named or found, grouped by library: each library is loaded once.
  const folders = targets.filter((t) => statSync(t).isDirectory());
  const groups = new Map<string, Set<string>>();
  const borrowed = new Set<string>();
  let withoutLibrary = 0;
  for (const t of targets) {
    const files = statSync(t).isDirectory() ? findProcedureFiles(t) : [t];
    for (const f of files) {
      const found = library === undefined ? discoverLibrary(f, io.cwd) : undefined;
      if (found?.kind === 'procedures-folder') borrowed.add(found.root);
      if (found?.kind === 'none') withoutLibrary += 1;
      const root = library ?? (found?.kind === 'none' ? '' : found?.root) ?? '';
      const set = groups.get(root) ?? new Set<string>();
      set.add(f);
      groups.set(root, set);
    }
  }
  for (const f of folders) {
    const root = library ?? findLibraryRoot(f);
    if (root !== undefined && !groups.has(root)) groups.set(root, new Set());
  }

  const progress = io.isTTY && options.format === 'text';
  const diagnostics: Diagnostic[] = [];
  let fileCount = 0;
  for (const [root, files] of groups) {
    const onProgress = progress ? (done: number, total: number): void => io.err(`\r[${done}/${total}] validating...`) : undefined;
    fileCount += files.size;
    if (root === '') {
      diagnostics.push(...validateFilesSync([...files], onProgress ? { onProgress } : {}));
      continue;
    }
    const loaded = loadLibrarySync(root, { files: [...files], ...(onProgress ? { onProgress } : {}) });
    // Procedure problems of the files asked for; catalogue and calendar problems when a folder
    // asked for contains them.
    diagnostics.push(...loaded.diagnostics.filter((d) => files.has(d.file) || (!loaded.docs.has(d.file) && folders.some((f) => inside(d.file, f)))));
  }
  if (progress) io.err('\r\x1b[K');
  // Never skip a check silently: a role typo must not pass as "0 errors" unexplained.
  for (const root of borrowed) io.err(`note: the library checks use ${relative(io.cwd, root) || '.'} (the nearest procedures/ library; --library chooses another)`);
  if (withoutLibrary > 0) {
    io.err(
      `note: no library found for ${withoutLibrary} file${withoutLibrary === 1 ? '' : 's'} (no catalogues/ or calendars/ above, no procedures/ library nearby): ` +
        'roles, sources, units, calendars other than vn, linked procedures and overlapping versions were NOT checked; name the library with --library DIR',
    );
  }

  const shown = sortDiagnostics(diagnostics).map((d) => ({ ...d, file: relative(io.cwd, d.file) || d.file }));
  const errors = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.filter((d) => d.severity === 'warning').length;
  if (options.format === 'json') {
    io.out(JSON.stringify(shown, null, 2));
  } else {
    for (const d of shown) io.out(formatDiagnostic(d));
    io.out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}${withoutLibrary > 0 ? ` (library checks skipped for ${withoutLibrary})` : ''}`);
  }
  return Promise.resolve(errors > 0 ? EXIT.failed : EXIT.ok);
};
