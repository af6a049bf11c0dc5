/**
 * The motcua server: cases over HTTP on SQLite or PostgreSQL.
 *
 * ```ts
 * const server = await createServer({ config: loadConfig(), library });
 * const url = await server.listen();
 * ```
 */
export { createServer, type CreateServerOptions, type MotcuaServer, type ServerLibrary } from './server';
export { loadConfig, type ServerConfig } from './config';
export { openDatabase, type Database } from './db';
export { createFirstAdmin, type FirstAdmin, type FirstAdminRequest } from './auth';
export { verifyAudit, verifyAnchored, openSink, readPublicKey, loadOrCreateAnchorKey, type AuditVerdict, type Checkpoint } from './audit';
export { DocumentStore, drainOutbox, verifyDocumentJws, type DocumentView, type DrainReport, type ResultDocument, type VerifiedDocument } from './documents';
export { createRuntimeEngine, type CaseEngine } from './cases';
export { loadServerLibrary, type LoadedServerLibrary } from './library';
export { startServer, type StartedServer } from './start';
export { withReorganizer } from './units/standalone';
export type { ReorgReport, PendingDecision } from './units';
