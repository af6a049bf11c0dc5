import { processIO, EXIT, UsageError, type CliIO, type Command } from './io';

/** Each command lives in its own module, loaded only when called so that start-up stays fast. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command; usage: string }> }> = {
  validate: { summary: 'check procedure files and folders', load: () => import('./commands/validate') },
  compile: { summary: 'compile a procedure to XState JSON or a Mermaid diagram', load: () => import('./commands/compile') },
  due: { summary: 'compute a statutory deadline on a working calendar', load: () => import('./commands/due') },
  test: { summary: 'run *.test.yaml scenarios', load: () => import('./commands/test') },
  paths: { summary: 'list every path from submission to each outcome', load: () => import('./commands/paths') },
  serve: { summary: 'start the server with the designer', load: () => import('./commands/serve') },
  admin: { summary: 'create the first administrator and a one-time sign-in link', load: () => import('./commands/admin') },
  audit: { summary: 'verify the hash-chained audit trail', load: () => import('./commands/audit') },
  diff: { summary: 'show what changed between two versions of a procedure', load: () => import('./commands/diff') },
  publish: { summary: 'send procedure files to a server for review, or publish approved drafts', load: () => import('./commands/publish') },
  pull: { summary: 'write the versions in force on a server as a library folder', load: () => import('./commands/pull') },
  units: { summary: 'reorganize units (merge, split, rename, move) from a plan: dry run or apply', load: () => import('./commands/units') },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: motcua <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `motcua <command> --help` for a command\'s options.',
  ].join('\n');
}

/** Runs the CLI and returns the exit code (0 clean, 1 failures found, 2 usage error). */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name) {
      io.out(help());
      return EXIT.ok;
    }
    io.err(help());
    return EXIT.usage;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`motcua: unknown command '${name}'\n\n${help()}`);
    return EXIT.usage;
  }
  const { command, usage } = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(usage);
    return EXIT.ok;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`motcua ${name}: ${err.message}\n\n${usage}`);
      return EXIT.usage;
    }
    throw err;
  }
}
