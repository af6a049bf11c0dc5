/**
 * `motcua units reorganize PLAN --dry-run|--apply`: a reorganization of units from a plan
 * file (thin: the plan is checked and applied by server/src/units, as for the admin API).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { MotcuaError } from 'motcua/engine';
import type { ReorgReport } from 'motcua/server';
import { databaseOptions, outputFormat, parseCommandArgs, serverEnvironment } from '../args';
import { EXIT, UsageError, type CliIO, type Command } from '../io';

export const usage = `Usage: motcua units reorganize PLAN (--dry-run | --apply) [--actor ID] [--library DIR]
                               [--database URL | --data-dir DIR] [--format text|json]

Reorganizes units from a plan file (YAML or JSON, docs/reorganization.md): merges, splits
(each open case placed by a rule on its address, or by an officer's decision), renames and
moves of communes. --dry-run counts the open cases, work items, timers, officers and uploads
affected and lists the cases that need a decision, changing nothing. --apply does it in one
audited transaction, or nothing (a case still needing a decision refuses the whole plan).

Options:
  --dry-run          check the plan and report, change nothing
  --apply            apply the plan
  --actor ID         who applies it, for the audit trail (default: cli:$USER)
  --library DIR      the procedures library the cases were filed under (default: MOTCUA_LIBRARY or ./procedures)
  --database URL     PostgreSQL (default: DATABASE_URL)
  --data-dir DIR     the SQLite server's data dir (default: MOTCUA_DATA_DIR or ./data)
  --format text|json
  -h, --help         this help

Exit codes: 0 done (dry run: ready to apply), 1 refused or decisions needed, 2 usage error.`;

export const command: Command = async (args: string[], io: CliIO) => {
  const parsed = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        apply: { type: 'boolean' },
        actor: { type: 'string' },
        library: { type: 'string' },
        ...databaseOptions,
      },
      strict: true,
    });
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'reorganize') throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'missing subcommand: reorganize');
  if (!file || extra.length) throw new UsageError('give exactly one plan file');
  const v = parsed.values;
  if (Boolean(v['dry-run']) === Boolean(v.apply)) throw new UsageError('give either --dry-run or --apply');
  const format = outputFormat(v.format);

  let plan: unknown;
  try {
    plan = parse(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (err) {
    io.err(`motcua units: cannot read the plan ${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n    hint: give a YAML or JSON plan file (docs/reorganization.md).`);
    return EXIT.failed;
  }
  const { withReorganizer, loadConfig } = await import('motcua/server');
  const env = serverEnvironment(io, v);
  const config = loadConfig(env);
  const actor = v.actor ?? `cli:${process.env.USER ?? 'unknown'}`;
  try {
    const report = await withReorganizer(config, (r) => (v.apply ? r.apply(plan, actor) : r.dryRun(plan)));
    io.out(format === 'json' ? JSON.stringify(report) : describe(report));
    return report.ready ? EXIT.ok : EXIT.failed;
  } catch (err) {
    if (!(err instanceof MotcuaError)) throw err;
    if (format === 'json') io.out(JSON.stringify({ error: { code: err.code, message: err.message, ...(err.path ? { path: err.path } : {}), ...(err.hint ? { hint: err.hint } : {}), ...(err.details ? { details: err.details } : {}) } }));
    else {
      const details = Array.isArray(err.details) ? (err.details as { code: string; message: string; path?: string }[]) : [];
      io.err([`motcua units: ${err.code}: ${err.message}`, ...details.slice(0, 50).map((d) => `  ${d.path ?? ''}: ${d.code}: ${d.message}`), ...(details.length > 50 ? [`  ... ${details.length - 50} more`] : []), ...(err.hint ? [`    hint: ${err.hint}`] : [])].join('\n'));
    }
    return EXIT.failed;
  }
};

/** The report as text: Vietnamese first, English second. */
function describe(r: ReorgReport): string {
  const a = r.affected;
  const lines = [
    `${r.mode === 'applied' ? 'Đã áp dụng (applied)' : 'Chạy thử (dry run)'}: ${r.plan}, hiệu lực từ (effective) ${r.effective}${r.tookMs === undefined ? '' : ` in ${r.tookMs} ms`}`,
    `  đơn vị chấm dứt (units ended): ${r.units.ended.length}; tạo mới (created): ${r.units.created.length}; đổi tên/chuyển tỉnh (renamed/moved): ${r.units.changed.length}`,
    `  hồ sơ đang giải quyết (open cases): ${a.openCases}; công việc (work items): ${a.workItems}; hẹn giờ (timers): ${a.timers}; cán bộ (officers): ${a.officers}; tệp (uploads): ${a.uploads}; văn bản đã cấp (documents issued): ${a.documents}`,
    ...r.moves.map((m) => `  ${m.from} -> ${m.to}: ${m.cases}`),
  ];
  if (r.retasked) lines.push(`  hồ sơ đổi đơn vị xử lý bước cấp tỉnh (cases whose province-level tasks move): ${r.retasked}`);
  if (r.decisionsNeeded.length) {
    lines.push(`  cần cán bộ quyết định (cases needing a decision): ${r.decisionsNeeded.length}`);
    for (const d of r.decisionsNeeded.slice(0, 50)) lines.push(`    ${d.path}: one of ${d.choices.join(', ')} (${d.procedure}, filed ${d.submittedAt})`);
    if (r.decisionsNeeded.length > 50) lines.push(`    ... ${r.decisionsNeeded.length - 50} more (--format json lists them all)`);
  }
  return lines.join('\n');
}
