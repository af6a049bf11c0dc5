/**
 * Another server process on the same database, for server/test/two-processes.test.ts and
 * server/test/publishing-processes.test.ts: forked with `--import tsx`, told the SQLite file
 * (or any database target) and data dir over IPC, answers with its URL, and closes when told to.
 */
import { openDatabase, type DatabaseTarget } from '../../src/db';
import { startTestServer, type TestServer } from '../harness';

interface Order {
  /** A SQLite file, or `target` for any database. */
  file?: string;
  target?: DatabaseTarget;
  dataDir: string;
}

let running: TestServer | undefined;

process.on('message', (m: Order | 'close') => {
  if (m === 'close') {
    void (running?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    return;
  }
  const db = openDatabase(m.target ?? { sqlite: m.file! });
  db.migrate()
    .then(() => startTestServer(db, m.dataDir))
    .then((s) => {
      running = s;
      process.send!({ url: s.url });
    })
    .catch((err: unknown) => {
      process.send!({ error: String(err) });
      process.exit(1);
    });
});
