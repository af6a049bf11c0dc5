// What the compiled server in dist/ was built from: every source file's path, size and
// modification time under the folders the CLI and the server import. `bin/motcua.mjs` runs the
// build only while the sources still have this stamp, so an edited source is never shadowed by
// an older build (it runs from the TypeScript sources then, through tsx).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folders whose sources make the build (the web app is built separately, by vite). */
export const SOURCE_DIRS = ['cli/src', 'engine/src', 'contract/src', 'server/src'];

/** sha256 of the sources' paths, sizes and modification times, plus package.json's. */
export function sourcesStamp(root) {
  const parts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const s = statSync(path);
        parts.push(`${relative(root, path)}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  const pkg = statSync(join(root, 'package.json'));
  parts.push(`package.json:${pkg.size}:${pkg.mtimeMs}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
