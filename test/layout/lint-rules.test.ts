/**
 * The direction of the house, enforced by ESLint (eslint.config.js): engine <- server <- web
 * app, the CLI on top, the web app sharing only the wire contract. Each fixture under
 * test/fixtures/lint breaks one rule on purpose (and one keeps them all), so a rule that stops
 * firing fails here. The fixtures are ignored by `npm run lint` itself.
 */
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const fixtures = 'test/fixtures/lint';

const messages = new Map<string, string[]>();

// The project's own config, with only the rule under test and no type information (no
// TypeScript program to build): the layout rules are about import paths alone.
beforeAll(async () => {
  const eslint = new ESLint({
    cwd: root,
    ignore: false,
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  for (const result of await eslint.lintFiles([fixtures])) {
    const file = relative(join(root, fixtures), result.filePath);
    messages.set(file, result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
}, 60_000);

async function restricted(file: string): Promise<string[]> {
  const found = messages.get(file);
  if (!found) throw new Error(`${file} was not linted`);
  return Promise.resolve(found);
}

describe('layout rules', () => {
  it('refuse the web app importing server files or the server package', async () => {
    const messages = await restricted('designer/src/imports-server.ts');
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toMatch(/wire types from motcua\/contract/);
  });

  it('refuse deep paths into the engine from the web app and the server', async () => {
    expect(await restricted('designer/src/deep-engine.ts')).toEqual([expect.stringMatching(/public entry/)]);
    expect(await restricted('server/src/deep-engine.ts')).toEqual([expect.stringMatching(/public entry/)]);
  });

  it('refuse the engine importing the server or the web app, and I/O in its core', async () => {
    expect(await restricted('engine/src/imports-server.ts')).toHaveLength(2);
    expect(await restricted('engine/src/does-io.ts')).toEqual([expect.stringMatching(/'node:fs' import is restricted/)]);
  });

  it('accept the public entries', async () => {
    expect(await restricted('server/src/clean.ts')).toEqual([]);
  });
});
