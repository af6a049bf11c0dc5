// `npm run build:server`: the CLI and the server (with the engine and the contract they import)
// compiled to JavaScript in dist/, so that `motcua serve` and `npm start` load plain modules
// instead of compiling TypeScript at every start (tsx). One chunk per CLI command (each is a
// dynamic import): `serve` does not load the validator's reporting or the diff. npm packages
// stay external (node_modules). bin/motcua.mjs uses the build while the sources are unchanged
// since it was made (bin/sources-stamp.mjs), and the sources otherwise.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { sourcesStamp } from '../bin/sources-stamp.mjs';
import { root, serverBundleOptions } from './server-bundle.mjs';

const out = join(root, 'dist', 'server');

// The stamp is taken before compiling: a source edited during the build makes it stale.
const stamp = sourcesStamp(root);
const t0 = performance.now();
// Built beside the old build and swapped in at the end: a `motcua` starting meanwhile runs
// either build whole, never half of one.
const next = `${out}.next-${process.pid}`;
rmSync(next, { recursive: true, force: true });
const options = await serverBundleOptions();
await build({
  ...options,
  // The worker thread of a cold start (server/src/library-prime.ts) is an entry of its own.
  entryPoints: { main: join(root, 'cli', 'src', 'main.ts'), 'library-worker': join(root, 'server', 'src', 'library-worker.ts') },
  outdir: next,
  splitting: true,
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
});
writeFileSync(join(next, 'stamp'), stamp);
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
console.log(`server built in ${((performance.now() - t0) / 1000).toFixed(1)} s: dist/server/main.mjs`);
