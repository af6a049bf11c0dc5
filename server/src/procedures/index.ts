export { ProcedureRegistry, contentHash, isBroken, knownGood, type KnownGood, type ProcedureSource, type RegisteredProcedure } from './registry';
export { ProcedureSync, bumpEpoch, procedureRow, reconcileAtStart, type StartConflict } from './store';
export { foldVietnamese } from './search-text';
