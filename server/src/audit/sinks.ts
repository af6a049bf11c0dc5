/**
 * Where checkpoints go: an append-only place outside the database, behind one interface.
 * - a directory: one JSON line per checkpoint appended to `checkpoints.jsonl` (make it
 *   append-only with `chattr +a`, a WORM mount or a log shipper; the server only appends);
 * - an HTTP witness: each checkpoint POSTed as JSON to a URL of another service, which keeps
 *   them; `GET` on the same URL answers them back as JSON lines (or a JSON array).
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint } from './checkpoint';

export interface CheckpointSink {
  /** Where, for messages. */
  describe: string;
  append: (checkpoint: Checkpoint) => Promise<void>;
  /** Every entry kept, in order, parsed but not yet checked (a line that is not JSON stays a string). */
  readAll: () => Promise<unknown[]>;
}

/** The file a directory sink appends to. */
export const CHECKPOINT_FILE = 'checkpoints.jsonl';

/** How long a witness may take to answer. */
const WITNESS_TIMEOUT_MS = 10_000;

/** Lines to values; a line that is not JSON is kept as its text so that the verifier reports it. */
function parseLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return l;
      }
    });
}

export function directorySink(dir: string): CheckpointSink {
  const file = join(dir, CHECKPOINT_FILE);
  return {
    describe: file,
    async append(checkpoint) {
      await mkdir(dir, { recursive: true });
      // One write of one line with O_APPEND: lines of concurrent writers never interleave.
      await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
    },
    async readAll() {
      try {
        return parseLines(await readFile(file, 'utf8'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
  };
}

export function httpWitnessSink(url: string): CheckpointSink {
  return {
    describe: url,
    async append(checkpoint) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(checkpoint), signal: AbortSignal.timeout(WITNESS_TIMEOUT_MS) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`the witness at ${url} answered ${res.status}`);
    },
    async readAll() {
      const res = await fetch(url, { headers: { accept: 'application/x-ndjson, application/json' }, signal: AbortSignal.timeout(WITNESS_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`the witness at ${url} answered ${res.status}`);
      const text = await res.text();
      const trimmed = text.trimStart();
      return trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : parseLines(text);
    },
  };
}

/** A URL is a witness, anything else a directory. */
export function openSink(target: string): CheckpointSink {
  return /^https?:\/\//.test(target) ? httpWitnessSink(target) : directorySink(target);
}
