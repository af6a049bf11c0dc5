/**
 * `motcua admin create`: the first administrator of a production database and a one-time
 * sign-in link for them (thin: the logic lives in server/src/auth/first-admin.ts).
 */
import { MotcuaError } from 'motcua/engine';
import { databaseOptions, outputFormat, parseCommandArgs, serverEnvironment } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua admin create --national-id ID --name NAME [--id USER] [--ttl-minutes N]
                           [--url URL] [--database URL | --data-dir DIR] [--format text|json]
Makes an administrator in the server's database (the first one of a production database, which
has no other way in until OpenID Connect sign-in is configured) and prints a one-time sign-in
link. Run it again to get a new link for the same administrator. Both are audited.
Options:
  --national-id ID   the administrator's 12-digit national ID (số định danh cá nhân)
  --name NAME        their full name
  --id USER          their user id (default admin-<national ID>)
  --ttl-minutes N    how long the link is valid, 1 to 1440 (default 15); it works once
  --url URL          the server's address for the link (default http://localhost:PORT)
  --database URL     PostgreSQL (default: DATABASE_URL)
  --data-dir DIR     the SQLite server's data dir (default: MOTCUA_DATA_DIR or ./data)
  --format text|json
  -h, --help         this help
Exit codes: 0 done, 1 refused (e.g. the id belongs to another user), 2 usage error.`;

export const command: Command = async (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        'national-id': { type: 'string' },
        name: { type: 'string' },
        id: { type: 'string' },
        'ttl-minutes': { type: 'string' },
        url: { type: 'string' },
        ...databaseOptions,
      },
      strict: true,
    });
  const [sub, ...extra] = parsed.positionals;
  if (sub !== 'create' || extra.length) throw new UsageError(sub ? `unknown subcommand '${[sub, ...extra].join(' ')}'` : 'missing subcommand: create');
  const v = parsed.values;
  if (!v['national-id'] || !v.name) throw new UsageError('--national-id and --name are required');
  const format = outputFormat(v.format);
  const ttl = v['ttl-minutes'] === undefined ? undefined : Number(v['ttl-minutes']);
  if (ttl !== undefined && !Number.isInteger(ttl)) throw new UsageError(`--ttl-minutes must be a whole number, not '${v['ttl-minutes']}'`);

  const { openDatabase, createFirstAdmin, loadConfig } = await import('motcua/server');
  const env = serverEnvironment(io, v);
  const config = loadConfig(env);
  const db = openDatabase(config.databaseUrl ?? { sqlite: config.sqliteFile });
  try {
    await db.migrate();
    const admin = await createFirstAdmin(db, { nationalId: v['national-id'], name: v.name, ...(v.id ? { id: v.id } : {}), ...(ttl === undefined ? {} : { ttlMs: ttl * 60_000 }) });
    const base = (v.url ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
    const link = `${base}/#/signin/${admin.code}`;
    const expires = new Date(admin.expiresAt).toISOString();
    if (format === 'json') {
      io.out(JSON.stringify({ id: admin.id, created: admin.created, link, code: admin.code, expiresAt: expires }));
    } else {
      io.out(
        [
          `motcua admin: ${admin.created ? 'created administrator' : 'administrator exists:'} ${admin.id}`,
          `Mở liên kết này một lần để đăng nhập (open this link once to sign in), valid until ${expires}:`,
          `  ${link}`,
          'Or, without the web app:',
          `  curl -s -XPOST ${base}/api/auth/sign-in-link -H 'content-type: application/json' -d '{"code":"${admin.code}"}'`,
          'The link works once; run this command again for a new one.',
        ].join('\n'),
      );
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof MotcuaError) {
      io.err(`motcua admin: ${err.code}: ${err.message}${err.hint ? `\n    hint: ${err.hint}` : ''}`);
      return err.code === 'E_BAD_ADMIN' ? EXIT.usage : EXIT.failed;
    }
    io.err(`motcua admin: cannot open the database: ${err instanceof Error ? err.message : String(err)}\n    hint: check --database / --data-dir.`);
    return EXIT.failed;
  } finally {
    await db.close();
  }
};
