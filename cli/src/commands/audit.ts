/**
 * `motcua audit verify`: walks the hash-chained audit trail (thin: the chain lives in
 * server/src/audit) and names the first row that was edited, inserted or deleted.
 */
import { resolve } from 'node:path';
import { databaseOptions, outputFormat, parseCommandArgs, serverEnvironment } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua audit verify [--database URL | --data-dir DIR] [--format text|json]

Verifies the audit trail: each row's hash must be sha256(previous hash + the row), rows must
be consecutive, and the chain's head must match the last row. Any edit, insertion or deletion
is reported with the first bad row.

Options:
  --database URL     PostgreSQL (default: DATABASE_URL)
  --data-dir DIR     the SQLite server's data dir (default: MOTCUA_DATA_DIR or ./data)
  --format text|json
  -h, --help         this help

Exit codes: 0 intact, 1 tampered (or unreadable), 2 usage error.`;

export const command: Command = async (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        ...databaseOptions,
        checkpoints: { type: 'string' },
        'public-key': { type: 'string', multiple: true },
      },
      strict: true,
    });
  const [sub, ...extra] = parsed.positionals;
  if (sub !== 'verify' || extra.length) throw new UsageError(sub ? `unknown subcommand '${[sub, ...extra].join(' ')}'` : 'missing subcommand: verify');
  const format = outputFormat(parsed.values.format);
  const { openDatabase, verifyAudit, verifyAnchored, openSink, readPublicKey, loadConfig } = await import('motcua/server');
  const env = serverEnvironment(io, parsed.values);
  const config = loadConfig(env);
  const anchorTarget = parsed.values.checkpoints;
  let trusted;
  try {
    trusted = anchorTarget === undefined ? [] : (parsed.values['public-key'] ?? [config.auditAnchor.keyFile]).map((f) => readPublicKey(resolve(io.cwd, f)));
  } catch (err) {
    io.err(`motcua audit: ${err instanceof Error ? err.message : String(err)}\n    hint: pass --public-key with the checkpoint key's PEM file (the server's MOTCUA_AUDIT_KEY_FILE or its .pub).`);
    return EXIT.failed;
  }
  const db = openDatabase(config.databaseUrl ?? { sqlite: config.sqliteFile });
  try {
    const verdict =
      anchorTarget === undefined
        ? await verifyAudit(db.knex)
        : await verifyAnchored(db.knex, openSink(/^https?:\/\//.test(anchorTarget) ? anchorTarget : resolve(io.cwd, anchorTarget)), trusted);
    if (format === 'json') io.out(JSON.stringify(verdict));
    else if (verdict.ok) io.out(`audit: OK, ${verdict.rows} row(s), head ${verdict.head}${verdict.checkpoints === undefined ? '' : `, ${verdict.checkpoints} checkpoint(s) agree`}`);
    else io.out(`audit: TAMPERED at row ${verdict.badRow}: ${verdict.reason}\n    hint: restore the audit_log table from a backup and investigate who had write access${anchorTarget === undefined ? '' : ' (to the database, and to the checkpoint key)'}.`);
    return verdict.ok ? EXIT.ok : EXIT.failed;
  } catch (err) {
    io.err(`motcua audit: cannot read the audit trail: ${err instanceof Error ? err.message : String(err)}\n    hint: check --database / --data-dir; the server must have run at least once.`);
    return EXIT.failed;
  } finally {
    await db.close();
  }
};
