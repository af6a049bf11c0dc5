/**
 * The engine for Node.js: the pure core (`./index`) plus its edges that use the file system:
 * the library loader and the scenario test runner (as the `testing` namespace, whose names
 * such as `CaseStatus` describe scenario results, not cases).
 *
 * ```ts
 * import { loadLibrarySync, compileProcedure, testing } from 'motcua/engine/src/node';
 * ```
 */
export * from './index';
export * from './loader';
export * as testing from './testing';
/**
 * Build tools: the format's validators as standalone code (the designer's build,
 * format-standalone.ts), and compiled at run time, to which a test compares that code.
 */
export { standaloneFormatValidators } from './validate/format-standalone';
export { compileFormatValidators, type FormatValidators } from './validate/format-ajv';
