export { appendAudit, appendAuditSql, verifyAudit, hashRow, GENESIS_HASH, type AuditEntry, type AuditHead, type AuditVerdict } from './chain';
export { canonicalJson } from './canonical-json';
export { checkCheckpoint, kidOf, loadOrCreateAnchorKey, readPublicKey, signCheckpoint, type AnchorKey, type Checkpoint } from './checkpoint';
export { CHECKPOINT_FILE, directorySink, httpWitnessSink, openSink, type CheckpointSink } from './sinks';
export { startAuditAnchor, type AuditAnchor } from './anchor';
export { verifyAnchored } from './anchored';
