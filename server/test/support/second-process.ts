/**
 * Another server process on the same SQLite file, for server/test/two-processes.test.ts:
 * forked with `--import tsx`, told the file and data dir over IPC, answers with its URL, and
 * closes when told to.
 */
import { openDatabase } from '../../src/db';
import { startTestServer, type TestServer } from '../harness';

interface Order {
  file: string;
  dataDir: string;
}

let running: TestServer | undefined;

process.on('message', (m: Order | 'close') => {
  if (m === 'close') {
    void (running?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    return;
  }
  const db = openDatabase({ sqlite: m.file });
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
