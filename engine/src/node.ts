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
