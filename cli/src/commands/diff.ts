/**
 * `motcua diff A.yaml B.yaml`: the semantic diff of two versions of a procedure (steps,
 * actions, fees, components, deadline, e-form fields), the engine's `diffProcedures`, the
 * same the server shows a reviewer (`GET /api/drafts/:id/diff`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffProcedures, formatDiagnostic, formatDiff, MotcuaError, parseSource, type Procedure, type ProcedureDiff } from 'motcua/engine';
import { loadProcedure } from 'motcua/testing';
import { outputFormat, parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua diff <old.yaml> <new.yaml> [--format text|json]
       motcua diff <overlay.yaml> [--format text|json]

Shows what changed from one version of a procedure to another, in the format's terms:
procedure facts (name, effective dates, agency, addresses...), the deadline, steps, actions,
e-form fields (of data.schema and of the actions' forms), components and fees, each added
(+), removed (-) or changed (~). With one file, a province's overlay (a file with
\`extends\`): what the province changed from the national version it builds on, resolved
within its library.

Options:
  --format text|json   text (default): one line per change; json: {from, to, changes}
  -h, --help           this help

Exit codes: 0 the diff was shown (changes or not), 1 a file does not parse, 2 usage error.`;

export const command: Command = (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', default: 'text' } } });
  const format = outputFormat(parsed.values.format);
  if (parsed.positionals.length === 1) return Promise.resolve(overlayDiff(parsed.positionals[0]!, format, io));
  if (parsed.positionals.length !== 2) throw new UsageError('name two procedure files (the old version, then the new one), or one overlay');
  const procedures: Procedure[] = [];
  for (const name of parsed.positionals) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, name), 'utf8');
    } catch {
      throw new UsageError(`no such file: ${name}`);
    }
    const doc = parseSource(text, name);
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    const value = doc.value as Partial<Procedure> | null | undefined;
    if (errors.length || !value || typeof value !== 'object' || typeof value.code !== 'string') {
      for (const d of errors) io.err(formatDiagnostic(d));
      if (!errors.length) io.err(`${name}: not a procedure (no code)`);
      return Promise.resolve(EXIT.failed);
    }
    procedures.push(value as Procedure);
  }
  show(diffProcedures(procedures[0], procedures[1]!), format, io);
  return Promise.resolve(EXIT.ok);
};

function show(diff: ProcedureDiff, format: 'text' | 'json', io: CliIO): void {
  if (format === 'json') io.out(JSON.stringify(diff, null, 2));
  else {
    io.out(`${diff.from ? `${diff.from.code}@${diff.from.version}` : '(none)'} -> ${diff.to.code}@${diff.to.version}: ${diff.changes.length} change(s)`);
    for (const line of formatDiff(diff)) io.out(line);
  }
}

/** An overlay against the national version it resolves to in its library. */
function overlayDiff(name: string, format: 'text' | 'json', io: CliIO): number {
  try {
    const { compiled, library } = loadProcedure(name, io.cwd);
    const overlay = compiled.procedure;
    if (!overlay.overlay) throw new UsageError(`${name} is not an overlay (no \`extends\`): name the old version too`);
    const { code, version } = overlay.overlay.base;
    const base = library.procedures.get(code)?.find((v) => v.procedure.version === version)?.procedure;
    if (!base) throw new UsageError(`${name}: its base ${code}@${version} is not in the library`);
    show(diffProcedures(base, overlay), format, io);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof MotcuaError) {
      io.err(`motcua diff: ${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}`);
      return EXIT.failed;
    }
    throw err;
  }
}
