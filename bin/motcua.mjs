#!/usr/bin/env node
// The `motcua` command. It runs the compiled build in dist/server (`npm run build:server`,
// made by `npm start`) while the sources are unchanged since it was made; otherwise, as in
// development, tsx compiles the TypeScript sources on the fly, so that `npx motcua` works
// straight from a checkout with no build step. MOTCUA_FROM_SOURCES=1 forces the sources.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourcesStamp } from './sources-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = new URL('../dist/server/main.mjs', import.meta.url);
const stampFile = new URL('../dist/server/stamp', import.meta.url);
const fresh = process.env.MOTCUA_FROM_SOURCES !== '1' && existsSync(built) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === sourcesStamp(root);

let main;
if (fresh) {
  ({ main } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/src/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
