/**
 * Argument parsing shared by every command: one place turns node's parseArgs errors into
 * usage errors, checks `--format`, and turns `--database` / `--data-dir` / `--library` into
 * the server's configuration, so that each command states only its own options.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO } from './io';

/** The output formats a command may offer; text is always the default. */
export type OutputFormat = 'text' | 'json';

/**
 * node's `parseArgs` in strict mode, whose refusal (an unknown option, a missing value) is a
 * {@link UsageError}: main prints it with the command's usage and exits 2.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** `--format`, checked against the formats the command offers (text and json by default). */
export function outputFormat<F extends string = OutputFormat>(value: unknown, formats: readonly F[] = ['text', 'json'] as unknown as readonly F[]): F {
  if (typeof value === 'string' && (formats as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be ${formats.join(' or ')}, not '${String(value)}'`);
}

/** The options of the commands that open the server's database directly. */
export const databaseOptions = {
  database: { type: 'string' },
  'data-dir': { type: 'string' },
  format: { type: 'string', default: 'text' },
} as const satisfies ParseArgsConfig['options'];

/** The values {@link serverEnvironment} reads. */
export interface DatabaseValues {
  database?: string | undefined;
  'data-dir'?: string | undefined;
  library?: string | undefined;
}

/**
 * The environment the server's `loadConfig` reads, with `--database`, `--data-dir` and
 * `--library` (relative to the working directory) taking precedence over the process's own.
 */
export function serverEnvironment(io: CliIO, values: DatabaseValues): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (values.database) env.DATABASE_URL = values.database;
  if (values['data-dir']) env.MOTCUA_DATA_DIR = resolve(io.cwd, values['data-dir']);
  if (values.library) env.MOTCUA_LIBRARY = resolve(io.cwd, values.library);
  return env;
}
