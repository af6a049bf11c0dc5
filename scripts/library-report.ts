/**
 * The library report: a Markdown table of every procedure in `procedures/` (code, name, level,
 * deadline, fees, components replaceable by national data) and the once-only count the
 * national programme tracks (how many dossier components a national source can replace).
 *
 *   npx tsx scripts/library-report.ts            # prints the table and the count
 *   npm run library:report                       # writes it into README.md between markers
 *
 * Only procedure files are read (not `*.test.yaml`, calendars or catalogues). A file that does
 * not parse is reported on stderr and skipped, so the report never hides a broken file
 * silently: it exits 1 then.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isOverlayValue, resolveOverlay, selectBaseVersion, type Fee, type OverlayFile, type Procedure } from 'motcua/engine';

/** Folders under `procedures/` that hold no procedures. */
const NON_PROCEDURE_DIRS = new Set(['catalogues', 'calendars']);

export const START_MARKER = '<!-- library:start -->';
export const END_MARKER = '<!-- library:end -->';

/** One row of the table. */
export interface ReportRow {
  code: string;
  version: string;
  name: string;
  sector: string;
  level: string;
  deadline: string;
  fees: string;
  components: number;
  replaceable: number;
  file: string;
}

/** Once-only totals over the library. */
export interface OnceOnly {
  procedures: number;
  components: number;
  replaceable: number;
}

/** Every procedure file (`*.yaml` but not `*.test.yaml`) under `root`, sorted. */
export function procedureFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, top: boolean): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!(top && NON_PROCEDURE_DIRS.has(name))) walk(path, false);
      } else if (/\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name) && !top) {
        out.push(path);
      }
    }
  };
  walk(root, true);
  return out;
}

const UNIT_VI: Record<string, [string, string]> = {
  'working-day': ['working day', 'working days'],
  'working-hour': ['working hour', 'working hours'],
  'calendar-day': ['calendar day', 'calendar days'],
};

function formatDeadline(p: Procedure): string {
  const d = p.deadline as Procedure['deadline'] | undefined;
  if (!d) return '?';
  const [one, many] = UNIT_VI[d.unit] ?? [d.unit, d.unit];
  return `${d.value} ${d.value === 1 ? one : many}`;
}

const vnd = (n: number): string => n.toLocaleString('en-US');

/**
 * A short summary of the fee items: each non-zero amount, `× n` when it has a quantity, and
 * whether it is conditional (`when`) or has exemptions; items are separated by `;` because
 * conditional items are often alternatives (counter or online). "free" when nothing is charged.
 */
export function formatFees(fees: readonly Fee[] | undefined): string {
  const charged = (fees ?? []).filter((f) => f.amount > 0);
  if (charged.length === 0) return 'free';
  return charged
    .map((f) => {
      let s = vnd(f.amount);
      if (f.quantity !== undefined) s += ' × n';
      const tags = [f.when !== undefined ? 'conditional' : '', f.exempt !== undefined ? 'exemptions' : ''].filter(Boolean);
      return tags.length ? `${s} (${tags.join(', ')})` : s;
    })
    .join('; ');
}

/** Builds a row from a parsed procedure. */
export function rowOf(p: Procedure, file: string): ReportRow {
  const components = p.components ?? [];
  return {
    code: String(p.code),
    version: String(p.version),
    name: p.name.vi,
    sector: p.sector,
    level: p.level,
    deadline: formatDeadline(p),
    fees: formatFees(p.fees),
    components: components.length,
    replaceable: components.filter((c) => c.replaceableBy !== undefined).length,
    file,
  };
}

/** Totals of the once-only count. */
export function onceOnly(rows: readonly ReportRow[]): OnceOnly {
  return {
    procedures: rows.length,
    components: rows.reduce((n, r) => n + r.components, 0),
    replaceable: rows.reduce((n, r) => n + r.replaceable, 0),
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The Markdown block written between the README markers. */
export function renderReport(rows: readonly ReportRow[]): string {
  const sorted = [...rows].sort((a, b) => a.sector.localeCompare(b.sector) || a.code.localeCompare(b.code));
  const t = onceOnly(sorted);
  const pct = t.components === 0 ? 0 : Math.round((t.replaceable / t.components) * 1000) / 10;
  const lines = [
    `${t.procedures} procedures. Once-only: **${t.replaceable} of ${t.components} dossier components (${pct}%) can be replaced by data from a national source** (\`replaceableBy\`).`,
    '',
    '| Code | Name | Sector | Level | Deadline | Fees (VND) | Replaceable by data |',
    '|---|---|---|---|---|---|---|',
    ...sorted.map(
      (r) =>
        `| [${cell(r.code)}](${r.file}) | ${cell(r.name)} | ${r.sector} | ${r.level} | ${r.deadline} | ${cell(r.fees)} | ${r.replaceable} / ${r.components} |`,
    ),
    '',
    '_Generated by `npm run library:report` (scripts/library-report.ts); do not edit by hand._',
  ];
  return lines.join('\n');
}

/** Replaces what lies between the markers; throws when they are missing. */
export function replaceBetweenMarkers(text: string, block: string): string {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    throw new Error(`README markers ${START_MARKER} ... ${END_MARKER} not found: add them where the table belongs`);
  }
  return `${text.slice(0, start + START_MARKER.length)}\n${block}\n${text.slice(end)}`;
}

/**
 * Reads the library; files that do not parse are returned as problems. A province's overlay
 * (a file with `extends`) is listed resolved against its national version (the engine's
 * `resolveOverlay`): its row shows the province's fees.
 */
export function readLibrary(root: string, base: string): { rows: ReportRow[]; problems: string[] } {
  const rows: ReportRow[] = [];
  const problems: string[] = [];
  const overlays: { overlay: OverlayFile; rel: string }[] = [];
  const national: { procedure: Procedure; rel: string }[] = [];
  for (const file of procedureFiles(root)) {
    const rel = relative(base, file);
    try {
      const p = parse(readFileSync(file, 'utf8')) as Procedure | null;
      if (p && typeof p === 'object' && isOverlayValue(p)) {
        overlays.push({ overlay: p as unknown as OverlayFile, rel });
        continue;
      }
      if (!p || typeof p !== 'object' || !p.code || !p.name) {
        problems.push(`${rel}: not a procedure (no code or name)`);
        continue;
      }
      national.push({ procedure: p, rel });
      rows.push(rowOf(p, rel));
    } catch (err) {
      problems.push(`${rel}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  for (const { overlay, rel } of overlays) {
    const versions = national.filter((n) => String(n.procedure.code) === overlay.extends?.code).map((n) => String(n.procedure.version));
    const chosen = selectBaseVersion(versions, String(overlay.extends?.version ?? ''));
    const baseProcedure = national.find((n) => String(n.procedure.code) === overlay.extends?.code && String(n.procedure.version) === chosen)?.procedure;
    const resolved = baseProcedure ? resolveOverlay(overlay, baseProcedure).procedure : undefined;
    if (resolved) rows.push(rowOf(resolved, rel));
    else problems.push(`${rel}: an overlay that does not resolve against its national version (run motcua validate)`);
  }
  return { rows, problems };
}

function main(argv: readonly string[]): number {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const { rows, problems } = readLibrary(join(repo, 'procedures'), repo);
  for (const p of problems) process.stderr.write(`library-report: skipped ${p}\n`);
  const block = renderReport(rows);
  if (argv.includes('--write')) {
    const readmePath = join(repo, 'README.md');
    writeFileSync(readmePath, replaceBetweenMarkers(readFileSync(readmePath, 'utf8'), block));
    const t = onceOnly(rows);
    process.stdout.write(`README.md: ${t.procedures} procedures, ${t.replaceable}/${t.components} components replaceable by data\n`);
  } else {
    process.stdout.write(`${block}\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
