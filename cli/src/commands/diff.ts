/**
 * `motcua diff A.yaml B.yaml`: the semantic diff of two versions of a procedure (steps,
 * actions, fees, components, deadline, e-form fields), the engine's `diffProcedures`, the
 * same the server shows a reviewer (`GET /api/drafts/:id/diff`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffProcedures, formatDiagnostic, formatDiff, parseSource, type Procedure } from 'motcua/engine';
import { outputFormat, parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua diff <old.yaml> <new.yaml> [--format text|json]

Shows what changed from one version of a procedure to another, in the format's terms:
procedure facts (name, effective dates...), the deadline, steps, actions, e-form fields (of
data.schema and of the actions' forms), components and fees, each added (+), removed (-) or
changed (~).

Options:
  --format text|json   text (default): one line per change; json: {from, to, changes}
  -h, --help           this help

Exit codes: 0 the diff was shown (changes or not), 1 a file does not parse, 2 usage error.`;

export const command: Command = (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', default: 'text' } } });
  const format = outputFormat(parsed.values.format);
  if (parsed.positionals.length !== 2) throw new UsageError('name two procedure files: the old version, then the new one');
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
  const diff = diffProcedures(procedures[0], procedures[1]!);
  if (format === 'json') io.out(JSON.stringify(diff, null, 2));
  else {
    io.out(`${diff.from ? `${diff.from.code}@${diff.from.version}` : '(none)'} -> ${diff.to.code}@${diff.to.version}: ${diff.changes.length} change(s)`);
    for (const line of formatDiff(diff)) io.out(line);
  }
  return Promise.resolve(EXIT.ok);
};
