/**
 * SQLite's WAL checkpoints, off the event loop. By default the connection that commits past
 * 1,000 WAL pages copies them into the database file and syncs it inside that COMMIT: on the
 * server's single thread that is a pause of several milliseconds every few hundred
 * transitions (the server benchmark's p99), spent waiting for the disk, not computing.
 * Here a worker thread with its own connection runs `wal_checkpoint(PASSIVE)` a few times a
 * second instead: PASSIVE never takes the write lock, so the server's transactions go on
 * while it copies. The server's own connection keeps an automatic checkpoint at a much higher
 * threshold, as a backstop should the worker stop.
 *
 * The worker is plain JavaScript evaluated from a string, so it runs the same from the
 * TypeScript sources and from the compiled server.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints what the WAL holds (ms). */
const INTERVAL_MS = 200;
/** The server connection's own automatic checkpoint, in pages (SQLite's default is 1,000). */
export const BACKSTOP_PAGES = 20_000;

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.interval);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** A running checkpointer; `stop` ends it and resolves once its connection is closed. */
export interface Checkpointer {
  stop: () => Promise<void>;
}

/** Starts the checkpoint worker of the SQLite file `file` (not for `:memory:`). */
export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, interval: INTERVAL_MS } });
  // Never what keeps a process alive; a failure leaves the backstop checkpoint in place.
  worker.unref();
  // A worker that failed (or was stopped) has exited: stopping it again must not wait forever.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', () => undefined);
  return {
    // Closed before the server's connection, so that the last one to close (the server's)
    // checkpoints the rest and removes the WAL file.
    stop: () => {
      worker.postMessage('stop');
      return exited;
    },
  };
}
