// Type-aware linting: the rules that catch real bugs in async and strict code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'designer/dist/**', 'coverage/**', '**/*.mjs', 'eslint.config.js', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // The engine's core is pure: no I/O, no server frameworks. Reading files lives at its edge.
    files: ['**/engine/src/**/*.ts'],
    ignores: ['**/engine/src/loader/**', '**/engine/src/testing/**', '**/engine/src/node.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'knex', 'koa', 'pg', 'better-sqlite3', 'http', 'node:http', 'motcua/server', 'motcua/contract'],
        patterns: [
          { group: ['**/server/**', '**/designer/**', '**/cli/**', '**/contract/**'], message: 'The engine imports nothing of the server, the web app, the CLI or the wire contract: they depend on it, not the reverse.' },
          { group: ['**/loader/**', '**/testing/**'], message: "The engine's core does no I/O: the loader and the scenario runner are its edge (engine/src/node.ts)." },
        ],
      }],
    },
  },
  {
    // The engine's edge (loader, scenario runner) reads files but still never reaches up.
    files: ['**/engine/src/loader/**/*.ts', '**/engine/src/testing/**/*.ts', '**/engine/src/node.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['knex', 'koa', 'pg', 'better-sqlite3', 'motcua/server', 'motcua/contract'],
        patterns: [{ group: ['**/server/**', '**/designer/**', '**/cli/**', '**/contract/**'], message: 'The engine imports nothing of the server, the web app, the CLI or the wire contract.' }],
      }],
    },
  },
  {
    // The wire contract is types and constants over the engine's public entry.
    files: ['**/contract/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['motcua/server', 'motcua/engine/node', 'motcua/testing', 'knex', 'koa'],
        patterns: [{ group: ['**/server/**', '**/designer/**', '**/cli/**', '**/engine/src/**'], message: "The contract imports only the engine's public entry (motcua/engine)." }],
      }],
    },
  },
  {
    // The server uses the engine through its public entries, never its files.
    files: ['**/server/src/**/*.ts', '**/server/test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [],
        patterns: [
          { group: ['**/engine/src/**'], message: "Import the engine's public entry: 'motcua/engine' (pure), 'motcua/engine/node' (loader) or 'motcua/testing'." },
          { group: ['**/designer/**', '**/cli/**'], message: 'The server does not depend on the web app or the CLI.' },
        ],
      }],
    },
  },
  {
    // The web app talks HTTP: it shares only the wire contract (motcua/contract) and the pure engine with the server.
    files: ['**/designer/src/**/*.ts', '**/designer/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'motcua/server', message: 'The web app talks HTTP: import the wire types from motcua/contract.' },
          { name: 'motcua/engine/node', message: "The web app runs in a browser: import 'motcua/engine'." },
          { name: 'motcua/testing', message: "The web app runs in a browser: import the scenario runner without files, 'motcua/testing/pure'." },
        ],
        patterns: [
          { group: ['**/server/**'], message: 'The web app talks HTTP: import the wire types from motcua/contract, never server files.' },
          { group: ['**/engine/src/**', '**/cli/**'], message: "Import the engine's public entry, 'motcua/engine'." },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
