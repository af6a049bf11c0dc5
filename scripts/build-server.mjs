// `npm run build:server`: the CLI and the server (with the engine and the contract they import)
// compiled to JavaScript in dist/, so that `motcua serve` and `npm start` load plain modules
// instead of compiling TypeScript at every start (tsx). One chunk per CLI command (each is a
// dynamic import): `serve` does not load the validator's reporting or the diff. npm packages
// stay external (node_modules). bin/motcua.mjs uses the build while the sources are unchanged
// since it was made (bin/sources-stamp.mjs), and the sources otherwise.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sourcesStamp } from '../bin/sources-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'server');
const requireFrom = createRequire(join(root, 'package.json'));
const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports;

// The stamp is taken before compiling: a source edited during the build makes it stale.
const stamp = sourcesStamp(root);
const t0 = performance.now();
// Built beside the old build and swapped in at the end: a `motcua` starting meanwhile runs
// either build whole, never half of one.
const next = `${out}.next-${process.pid}`;
rmSync(next, { recursive: true, force: true });
await build({
  // The worker thread of a cold start (server/src/library-prime.ts) is an entry of its own.
  entryPoints: { main: join(root, 'cli', 'src', 'main.ts'), 'library-worker': join(root, 'server', 'src', 'library-worker.ts') },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [
    {
      // The package's own entry points (`motcua/engine`...) are sources, compiled in.
      name: 'motcua-self',
      setup(b) {
        b.onResolve({ filter: /^motcua\// }, (args) => {
          const target = exportsMap[`./${args.path.slice('motcua/'.length)}`];
          return typeof target === 'string' ? { path: join(root, target) } : undefined;
        });
        // A package's file named without its extension (\`ajv/dist/2020\`) resolves for the
        // bundler and tsx, not for Node's ES modules: it is written with the file's extension.
        b.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*\/[^.]+$/ }, (args) => {
          let file;
          try {
            file = requireFrom.resolve(args.path);
          } catch {
            return undefined;
          }
          const ext = extname(file);
          return file.endsWith(args.path + ext) ? { path: args.path + ext, external: true } : undefined;
        });
      },
    },
  ],
});
writeFileSync(join(next, 'stamp'), stamp);
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
console.log(`server built in ${((performance.now() - t0) / 1000).toFixed(1)} s: dist/server/main.mjs`);
