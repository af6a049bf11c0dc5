/**
 * The wire contract between the server and its clients (the web app, the CLI's `--server`
 * mode, other systems): the shapes the API answers with and its error body. Types and
 * constants only: importing it bundles nothing of the server.
 *
 * ```ts
 * import type { CaseView, WorkItem, ErrorBody } from 'motcua/contract';
 * ```
 */
export * from './cases';
export * from './documents';
export * from './errors';
export * from './payments';
export * from './data-access';
export * from './prefill';
export * from './auth';
export * from './publishing';
export * from './stats';
export * from './error-codes';
export * from './schemas';
export * from './library';
