/**
 * motcua's engine, the pure core: the procedure format's types, validation, CEL expressions,
 * working calendars and deadlines, compilation to XState v5, fees and the case runtime.
 * Nothing here does I/O; the file-system loader and the CLI are in `engine/src/node.ts`.
 *
 * ```ts
 * import { compileProcedure, submitCase, applyCommand } from 'motcua/engine';
 * ```
 */
export * from './errors';
export * from './model/procedure';
export * from './model/form-i18n';
export * from './diagnostics/diagnostic';
export * from './parse/source-document';
export * from './library/catalog';
export * from './calendar';
export * from './expr';
export * from './validate';
export * from './compile';
export * from './fees';
export * from './runtime';
export * from './publish';
export * from './overlay';
export * from './limits';
// Both the calendar and the compiler have options named CompileOptions: name them apart.
export type { CompileOptions } from './compile';
export type { CompileOptions as CalendarCompileOptions } from './calendar';
