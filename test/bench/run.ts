/**
 * `npm run bench`: runs every `*.bench.ts` in this folder (or those named on the command
 * line) one after another, each printing its own figures and ratios against a baseline
 * measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.ts$/, '')} ==`);
  const mod = (await import(join(here, file))) as { run: () => Promise<void> };
  await mod.run();
}
