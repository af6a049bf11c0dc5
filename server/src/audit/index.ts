export { appendAudit, appendAuditSql, verifyAudit, hashRow, GENESIS_HASH, type AuditEntry, type AuditVerdict } from './chain';
export { canonicalJson } from './canonical-json';
