export { ProcedureRegistry, type ProcedureSource, type RegisteredProcedure } from './registry';
export { foldVietnamese } from './search-text';
