/** Who read a citizen's data: the access log (data-access.ts). */
export { accessOf, filingReads, logAccess, subjectOf, type AccessKind, type AccessRow } from './data-access';
