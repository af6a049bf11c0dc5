import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidDefinitionError, compileProcedure, formatDiagnostic, hasErrors, toMachineJSON, toMermaid, validateProcedureText } from 'motcua/engine';
import { outputFormat, parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua compile <file> [--format json|mermaid]

Validates a procedure file and prints its compiled state machine: the XState v5 machine
config as JSON (paste it into createMachine or Stately's editor) or a Mermaid
stateDiagram-v2. The output is deterministic: the same file gives the same text.

Options:
  --format json|mermaid  json (default) or mermaid
  -h, --help             this help

Exit codes: 0 compiled, 1 the file does not validate or compile, 2 usage error.`;

const FORMATS = ['json', 'mermaid'] as const;

/** `motcua compile <file> [--format json|mermaid]`. */
export const command: Command = (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'json' } } });
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new UsageError('give the procedure file to compile');
  if (extra.length > 0) throw new UsageError(`one file at a time (got ${parsed.positionals.length})`);
  const format = outputFormat(parsed.values.format, FORMATS);

  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    io.err(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    return Promise.resolve(EXIT.failed);
  }
  const result = validateProcedureText(text, file);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.procedure || hasErrors(result.diagnostics)) {
    io.err(errors.map(formatDiagnostic).join('\n') || `${file}: not a procedure`);
    return Promise.resolve(EXIT.failed);
  }
  try {
    const compiled = compileProcedure(result.procedure, { file });
    io.out(format === 'mermaid' ? toMermaid(compiled) : toMachineJSON(compiled));
    return Promise.resolve(EXIT.ok);
  } catch (err) {
    if (err instanceof InvalidDefinitionError) {
      io.err(err.diagnostics.map(formatDiagnostic).join('\n'));
      return Promise.resolve(EXIT.failed);
    }
    throw err;
  }
};
