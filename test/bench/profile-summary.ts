/**
 * Sums a V8 CPU profile's self time by function and by file, the first step of every
 * "where does the time go" question (`BENCH_PROFILE=DIR npm run bench -- server` writes one).
 *
 *   npx tsx test/bench/profile-summary.ts FILE.cpuprofile [TOP=15]
 *
 * Files are shortened to their package (`node_modules/koa/...` -> `koa`) or their path in this
 * repository; V8's own entries (`(garbage collector)`, `(program)`, `(idle)`) keep their name.
 * Percentages are of the busy time (idle excluded).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: the npm package, the repository path, or V8's own name. */
export function fileOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (path.startsWith('node:')) return path;
  const repo = path.indexOf('/motcua/') >= 0 ? path.slice(path.indexOf('/motcua/') + 8) : path.replace(/^.*\/wt\/[^/]+\//, '');
  return repo;
}

/**
 * A function's name with where it starts. Code run through tsx is on one line, so its column
 * tells anonymous functions apart.
 */
function frameName(f: ProfileNode['callFrame']): string {
  const file = fileOf(f.url, f.functionName);
  return `${f.functionName || '(anonymous)'} ${file}${f.url ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
}

/**
 * Self time (ms) by function and by file, and total time by function (each function counted
 * once per sample however deep it recurses), busy time only.
 */
export function summarize(profile: Profile): { busyMs: number; byFunction: Map<string, number>; byFile: Map<string, number>; total: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const total = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    busyUs += dt;
    const file = fileOf(node.callFrame.url, node.callFrame.functionName);
    const fn = frameName(node.callFrame);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt / 1000);
    byFile.set(file, (byFile.get(file) ?? 0) + dt / 1000);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(nodes.get(at)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt / 1000);
    }
  });
  return { busyMs: busyUs / 1000, byFunction, byFile, total };
}

function table(title: string, m: Map<string, number>, busyMs: number, top: number): string {
  const rows = [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`${title}`, ...rows.map(([k, ms]) => `${((ms / busyMs) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${k}`)].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx test/bench/profile-summary.ts FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  const top = Number(topArg ?? 15);
  const s = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  console.log(`busy ${s.busyMs.toFixed(0)} ms`);
  console.log(table('by file (self time)', s.byFile, s.busyMs, top));
  console.log(table('by function (self time)', s.byFunction, s.busyMs, top));
  // Total time is most telling for this repository's code: which step of a request costs what.
  const own = new Map([...s.total].filter(([k]) => !k.includes(' node:') && !/\s\(/.test(k) && !/ [a-z@][\w.@/-]*:\d/.test(k.replace(/ (server|engine|contract|test|cli)\//, ' ./'))));
  console.log(table("this repository's functions (total time)", own, s.busyMs, top * 3));
}
