// How the server is compiled, in one place: `npm run build:server` (build-server.mjs) builds
// the CLI and the server with these options, and the benchmarks that measure the server's
// CPU (test/bench/compiled.ts) compile their server with the same ones, so that they measure
// the code `npm start` runs, not tsx's compilation of the sources (docs/server.md, "The
// benchmark measures the compiled server").
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The repository's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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

/** What every compilation of the server shares: one ES module per entry for Node 20, npm packages left in node_modules. */
const BASE = { bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' };

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
    await build({ ...BASE, entryPoints: [join(root, 'engine', 'src', 'validate', 'format-standalone.ts')], outfile: file, plugins: [selfPlugin] });
    const { standaloneFormatValidators } = await import(pathToFileURL(file).href);
    return standaloneFormatValidators();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * esbuild's options for compiling the server: {@link BASE}, the package's own imports
 * resolved, and the format's validators as ajv's standalone code. The caller adds its entry
 * points and where they go.
 */
export async function serverBundleOptions() {
  const validatorsCode = await standaloneValidatorsCode();
  return {
    ...BASE,
    plugins: [
      {
        name: 'motcua-standalone-validators',
        setup(b) {
          b.onLoad({ filter: /[\\/]engine[\\/]src[\\/]validate[\\/]format-validators\.ts$/ }, () => ({ contents: validatorsCode, loader: 'js', resolveDir: root }));
        },
      },
      selfPlugin,
    ],
  };
}
