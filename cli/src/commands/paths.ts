import { MotcuaError } from 'motcua/engine';
import { flowGraphOf, formatPath, loadProcedure, simplePaths } from 'motcua/testing';
import { outputFormat, parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua paths <procedure file or code> [--format text|json]

Lists every simple path (no step visited twice) from submission to each outcome, read from
the compiled state machine: what a complete set of scenarios should walk. Loops such as
request-supplement and back are not unrolled. \`motcua test --scaffold\` writes a skeleton
scenario for each path no scenario follows yet.

Options:
  --format text|json  text (default): one path per line, grouped by outcome
  -h, --help          this help

Exit codes: 0 listed, 1 the procedure is unknown or invalid, 2 usage error.`;

/** `motcua paths`: the simple paths of a procedure. */
export const command: Command = (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('give exactly one procedure (a file or a code)');
  const format = outputFormat(values.format);
  let loaded;
  try {
    loaded = loadProcedure(positionals[0] as string, io.cwd);
  } catch (err) {
    if (err instanceof MotcuaError) {
      io.err(`motcua paths: ${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}`);
      return Promise.resolve(EXIT.failed);
    }
    throw err;
  }
  const graph = flowGraphOf(loaded.compiled);
  const limit = 10_000;
  const paths = simplePaths(graph, { limit });
  const { code, version } = loaded.compiled.procedure;
  if (format === 'json') {
    io.out(JSON.stringify({ procedure: code, version, initial: graph.initial, paths: paths.map((p) => ({ outcome: p.outcome, status: graph.outcomes.get(p.outcome), edges: p.edges })) }, null, 2));
    return Promise.resolve(EXIT.ok);
  }
  const lines = [`${code} ${version}: ${paths.length} path(s) from submission to ${graph.outcomes.size} outcome(s)`];
  for (const [outcome, status] of graph.outcomes) {
    const mine = paths.filter((p) => p.outcome === outcome);
    lines.push('', `${outcome} (${status}): ${mine.length} path(s)`);
    for (const p of mine) lines.push(`  ${formatPath(p, graph.initial)}`);
    if (mine.length === 0) lines.push('  (unreachable without revisiting a step)');
  }
  if (paths.length >= limit) lines.push('', `(stopped at ${limit} paths: the flow has more)`);
  io.out(lines.join('\n'));
  return Promise.resolve(EXIT.ok);
};
