/** What a CLI command writes to; tests pass a recorder instead of the real streams. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress is shown only then. */
  isTTY: boolean;
  cwd: string;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command: parses its own arguments and returns the process exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/** Thrown by argument parsing; main prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
