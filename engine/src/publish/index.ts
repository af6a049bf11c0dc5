/** Publishing procedures: the semantic diff of two versions, and in-flight case migration plans. */
export { diffProcedures, formatDiff, DIFF_AREAS, type DiffArea, type DiffChange, type ProcedureDiff } from './diff';
export { migrateCase, checkMigrationPlan, MIGRATION_REFUSALS, type MigrationPlan, type MigrationOutcome, type MigrationRefusal } from './migrate';
