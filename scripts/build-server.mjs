// `npm run build:server`: the CLI and the server (with the engine and the contract they import)
// compiled to JavaScript in dist/, so that `motcua serve` and `npm start` load plain modules
// instead of compiling TypeScript at every start (tsx). One chunk per CLI command (each is a
// dynamic import): `serve` does not load the validator's reporting or the diff. npm packages
// stay external (node_modules). bin/motcua.mjs uses the build while the sources are unchanged
// since it was made (bin/sources-stamp.mjs), and the sources otherwise.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { sourcesStamp } from '../bin/sources-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'server');
const requireFrom = createRequire(join(root, 'package.json'));
const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports;

/** The package's own entry points (`motcua/engine`...) compiled in; packages' files named with their extension. */
const selfPlugin = {
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
};

/**
 * The code ajv's standalone mode generates for the format's validators
 * (engine/src/validate/format-standalone.ts), as the designer's validation worker has it
 * (designer/vite.config.ts): the server then does not compile the format's JSON Schema with
 * ajv at start (about 0.2 s of every start that validates a file: a province overlay is
 * validated at each one). This script is plain JavaScript, so the generator, TypeScript, is
 * bundled to a temporary module first. `test/validate/format-standalone.test.ts` proves both
 * validators agree; `test/package/compiled-server.test.ts` that the build has these.
 */
async function standaloneValidatorsCode() {
  // Inside the repository, where its imports of npm packages resolve.
  mkdirSync(join(root, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(root, 'dist', '.standalone-'));
  try {
    const file = join(dir, 'generate.mjs');
    await build({ entryPoints: [join(root, 'engine', 'src', 'validate', 'format-standalone.ts')], outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', plugins: [selfPlugin] });
    const { standaloneFormatValidators } = await import(pathToFileURL(file).href);
    return standaloneFormatValidators();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The stamp is taken before compiling: a source edited during the build makes it stale.
const stamp = sourcesStamp(root);
const t0 = performance.now();
// Built beside the old build and swapped in at the end: a `motcua` starting meanwhile runs
// either build whole, never half of one.
const next = `${out}.next-${process.pid}`;
rmSync(next, { recursive: true, force: true });
const validatorsCode = await standaloneValidatorsCode();
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
      name: 'motcua-standalone-validators',
      setup(b) {
        b.onLoad({ filter: /[\\/]engine[\\/]src[\\/]validate[\\/]format-validators\.ts$/ }, () => ({ contents: validatorsCode, loader: 'js', resolveDir: root }));
      },
    },
    selfPlugin,
  ],
});
writeFileSync(join(next, 'stamp'), stamp);
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
console.log(`server built in ${((performance.now() - t0) / 1000).toFixed(1)} s: dist/server/main.mjs`);
