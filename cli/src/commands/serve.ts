/**
 * `motcua serve`: a thin wrapper over `server/src/start.ts` (the server lives in server/).
 */
import { MotcuaError } from 'motcua/engine';
import { parseCommandArgs, serverEnvironment } from '../args';
import { EXIT, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua serve [--port N] [--data-dir DIR] [--library DIR] [--database URL] [--demo | --no-demo] [--remove-demo-users]
                    [--test-clock]

Starts the API and the web app (designer/dist) on http://localhost:3000 with an embedded
SQLite file in the data dir, or on PostgreSQL with --database / DATABASE_URL. The schema is
created or migrated, the library compiled (a broken procedure is reported, never fatal).

Options (each overrides its environment variable):
  --port N          PORT (default 3000)
  --data-dir DIR    MOTCUA_DATA_DIR (default ./data): SQLite file, uploads
  --library DIR     MOTCUA_LIBRARY (default ./procedures)
  --database URL    DATABASE_URL, postgres://user@host/db
  --demo            seed demo users and source records, enable POST /api/auth/dev-login
                    (MOTCUA_DEMO; default on for \`npm start\`, off otherwise: production)
  --no-demo         production mode, whatever MOTCUA_DEMO or npm start says
  --remove-demo-users
                    production: delete the demo users a database kept from demo mode
                    (audited) instead of refusing to start (MOTCUA_REMOVE_DEMO_USERS)
  --test-clock      FOR TESTS ONLY: the clock stands still until a test moves it, and
                    /api/test/... sets up scenarios (clock, calendar, national-source records,
                    procedures, principals) for \`motcua test --server URL\`. Never in production.
  -h, --help        this help

Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.`;

export const command: Command = async (args: string[], io: CliIO) => {
  const { values } = parseCommandArgs({
    args,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      library: { type: 'string' },
      database: { type: 'string' },
      demo: { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      'remove-demo-users': { type: 'boolean' },
      'test-clock': { type: 'boolean' },
    },
  });
  const env = serverEnvironment(io, values);
  if (env.MOTCUA_DEMO === undefined && process.env.npm_lifecycle_event === 'start') env.MOTCUA_DEMO = '1';
  if (values.port !== undefined) env.PORT = values.port;
  if (values.demo) env.MOTCUA_DEMO = '1';
  if (values['no-demo']) env.MOTCUA_DEMO = '0';
  if (values['remove-demo-users']) env.MOTCUA_REMOVE_DEMO_USERS = '1';
  const { loadConfig, startServer } = await import('motcua/server');
  try {
    const { server } = await startServer(loadConfig(env, values['test-clock'] ? { testClock: true } : {}), io.out);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.err('motcua: stopping');
    await server.close();
    return EXIT.ok;
  } catch (err) {
    if (err instanceof MotcuaError) {
      io.err(`motcua serve: ${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}`);
      return EXIT.failed;
    }
    const e = err as { code?: string; message?: string };
    if (e.code === 'EADDRINUSE') {
      io.err(`motcua serve: port already in use: ${e.message ?? ''}\n    hint: stop the other server or pass --port.`);
      return EXIT.failed;
    }
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '28P01' || e.code === '3D000') {
      io.err(`motcua serve: cannot reach the database: ${e.message ?? e.code}\n    hint: check DATABASE_URL (or unset it to use SQLite).`);
      return EXIT.failed;
    }
    throw err;
  }
};
