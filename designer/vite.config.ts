/**
 * The designer's build. `vite build designer` writes `designer/dist`, which the server serves
 * at `/`; `vite designer` is the dev server, proxying `/api` to the server on :3000.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type * as EngineNode from 'motcua/engine/node';
import { defineConfig, runnerImport, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

/**
 * Writes `<file>.br` beside each text file of the build, at Brotli's best quality, once per
 * build: the server sends it to browsers that accept Brotli (server/src/http/static-files.ts)
 * without compressing at request time, so the first visitor after a deploy waits no longer
 * than the next.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'motcua-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) walk(path);
          else if (/\.(?:html|js|mjs|css|json|svg)$/.test(entry.name) && statSync(path).size > 1400) {
            const raw = readFileSync(path);
            writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
          }
        }
      };
      walk(outDir);
    },
  };
}

/**
 * In the validation worker's bundle, the engine's `format-validators.ts` (which compiles the
 * format's JSON Schema with ajv at first use) is replaced by the code ajv's standalone mode
 * generates from the same schema and options (engine/src/validate/format-standalone.ts): the
 * worker then neither compiles the schema when the designer opens (0.3-0.9 s) nor needs ajv's
 * compiler for it. `test/validate/format-standalone.test.ts` proves both agree.
 */
function standaloneValidators(): Plugin {
  let code: Promise<string> | undefined;
  return {
    name: 'motcua-standalone-validators',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]engine[\\/]src[\\/]validate[\\/]format-validators\.ts$/.test(id.split('?')[0] ?? '')) return null;
      // The engine is TypeScript: vite's module runner loads it (a config file cannot import it).
      code ??= runnerImport<typeof EngineNode>('motcua/engine/node', { configFile: false, logLevel: 'warn' }).then(({ module }) => module.standaloneFormatValidators());
      return code;
    },
  };
}

/**
 * The app runs on Preact's compat layer, not react-dom: react-dom alone was 55 KB of the
 * citizen's 87 KB first load (Brotli), and on slow 3G those bytes put the portal past its 3 s
 * target before any script ran (docs/server.md, "slow 3G"). The source and its types stay
 * React's (`@types/react`); only the bundle resolves `react*` to `preact/compat`, for every
 * page and library (@xyflow/react, @rjsf/core, react-i18next), so the app has one runtime.
 * Exact-match patterns: `react-i18next` and `@xyflow/react` must not be rewritten.
 */
const preactCompat = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  resolve: { alias: preactCompat },
  worker: { format: 'es', plugins: () => [standaloneValidators()] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The engine (CEL, ajv, xstate, yaml) runs in the browser: one chunk is fine for a web app
    // used all day at a desk; the warning would only be noise.
    chunkSizeWarningLimit: 4000,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    // The app imports the engine and bundles the library's YAML from outside designer/.
    fs: { allow: [repo] },
  },
});
