/**
 * `motcua pull --server URL --out DIR`: the versions in force on a server written as a
 * library folder, each file byte for byte the text it was published from (so that it
 * validates, and publishing it again is `unchanged`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { InForceVersion } from 'motcua/contract';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';
import { ServerError, serverClient } from '../server-client';

export const usage = `Usage: motcua pull --server URL --out DIR [--date YYYY-MM-DD] [--token T]

Writes the procedure versions in force on the server (today, or on --date) into DIR, each at
its path in the server's library (else <sector>/<code>.yaml), byte for byte as published.

Options:
  --server URL      the server (e.g. http://localhost:3000)
  --out DIR         the folder to write (created if needed)
  --date D          the versions in force on that day (default: today on the server)
  --token T         a bearer token (default: MOTCUA_TOKEN; reading needs none)
  -h, --help        this help

Exit codes: 0 written, 1 the server refused, 2 usage error.`;

export const command: Command = async (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({ args, allowPositionals: false, strict: true, options: { server: { type: 'string' }, out: { type: 'string' }, date: { type: 'string' }, token: { type: 'string' } } });
  const { server, out, date } = parsed.values;
  if (!server) throw new UsageError('--server is required');
  if (!out) throw new UsageError('--out is required');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD, not '${date}'`);
  const client = serverClient(server, parsed.values.token ?? process.env.MOTCUA_TOKEN);
  let answer: { date: string; items: InForceVersion[] };
  try {
    answer = await client.get(`/api/procedures/in-force${date ? `?date=${date}` : ''}`);
  } catch (err) {
    if (!(err instanceof ServerError)) throw err;
    io.err(`motcua pull: ${err.message}`);
    return EXIT.failed;
  }
  const root = resolve(io.cwd, out);
  for (const v of answer.items) {
    const file = resolve(root, v.path);
    // A path from the server never leaves the folder asked for.
    if (relative(root, file).startsWith('..') || !file.startsWith(root + sep)) {
      io.err(`motcua pull: skipped ${v.code}@${v.version}: its path '${v.path}' leaves ${out}`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, v.source);
  }
  io.out(`${answer.items.length} version(s) in force on ${date ?? answer.date} written to ${out}`);
  return EXIT.ok;
};
