/**
 * Compilation of a procedure to an XState v5 machine, and its JSON and Mermaid exports.
 *
 * ```ts
 * const compiled = compileProcedure(procedure);
 * toMachineJSON(compiled); // XState definition, deterministic
 * toMermaid(compiled);     // stateDiagram-v2, deterministic
 * ```
 */
export { compileProcedure, type CompiledProcedure, type CompileOptions } from './compile-procedure';
export { toMachineJSON, toMermaid } from './export';
export { ExpressionCache } from './expressions';
export { buildGraph, targetKind, type GraphEdge, type ProcedureGraph, type StepPlace, type TargetKind } from './graph';
export { actEvent, buildMachineConfig, createProcedureMachine, type MachineConfigJSON, type MachineContext, type MachineEvent, type ProcedureMachine } from './machine';
export { formKey, type CompiledSchemas, type SchemaCheck } from './schemas';
export { isSupplementStep, latestSupplementRequest, supplementActionForm, supplementRequestSchema, SUPPLEMENT_NOTE_MAX, type SupplementRequest } from './supplement-request';
