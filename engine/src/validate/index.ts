/** The procedure validator: JSON Schema of the format plus semantic checks, as diagnostics. */
export { validateProcedureText, validateProcedureDocument, type ValidationResult } from './validate-procedure';
export { validateLibrary } from './validate-library';
export { validateCandidate } from './validate-candidate';
export { checkVersions, isInForce, type VersionEntry } from './effective';
export { contextOf, type LibraryContext, type ProcedureRef } from './context';
export { CODES, type DiagnosticCode } from './codes';
export { hoursPerDay } from './sla';
export { PROCEDURE_SCHEMA } from './schema-check';
