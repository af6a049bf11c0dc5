/**
 * The benchmarks of the server's CPU run the server compiled as `npm start` runs it
 * (scripts/server-bundle.mjs, the options `npm run build:server` uses), not as tsx compiles
 * the sources for the other benchmarks and the tests. tsx compiles each file with esbuild's
 * `keepNames` (every function made at run time is renamed through a helper) and runs it under
 * its module loader hooks; the same server measured both ways spent 0.59-0.66 ms per
 * transition under tsx and 0.50-0.54 ms compiled (docs/server.md, "The benchmark measures the
 * compiled server").
 */
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root, serverBundleOptions } from '../../scripts/server-bundle.mjs';

/** The build's options, made once per run (they generate the format's standalone validators). */
let options: ReturnType<typeof serverBundleOptions> | undefined;

/** Compiles the benchmark `file` (with the server it imports) to dist/bench/ and imports it. */
export async function importCompiled(file: string): Promise<unknown> {
  const out = join(root, 'dist', 'bench', basename(file).replace(/\.ts$/, '.mjs'));
  options ??= serverBundleOptions();
  await build({ ...(await options), entryPoints: [file], outfile: out });
  return import(pathToFileURL(out).href);
}
