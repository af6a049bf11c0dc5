/**
 * `npm run bench`: runs every `*.bench.ts` in this folder (or those named on the command
 * line) one after another, each printing its own figures and ratios against a baseline
 * measured in the same run. The benchmarks of the server's CPU ({@link COMPILED}) run the server
 * compiled as `npm start` runs it (compiled.ts).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCompiled } from './compiled';

/** The benchmarks whose figures are the server's own costs: they run the compiled server. */
const COMPILED = new Set(['server', 'statements', 'store', 'http']);

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.ts$/, '')} ==`);
  const name = file.replace(/\.bench\.ts$/, '');
  const mod = (COMPILED.has(name) ? await importCompiled(join(here, file)) : await import(join(here, file))) as { run: () => Promise<void> };
  await mod.run();
}
