/**
 * Live diagnostics of the procedure being edited, computed in the browser by the engine's own
 * validator (`validateProcedureText`: YAML syntax, the format's JSON Schema, targets, CEL,
 * schemas, roles, sources, SLAs), so the designer and `motcua validate` never disagree.
 */
import { type Diagnostic, type Procedure, validateProcedureText, type LibraryContext } from 'motcua/engine';

/** The result of checking the editor's text: the parsed value (if any) and its diagnostics. */
export interface Diagnosis {
  /** The parsed value even when it has errors, so the graph keeps drawing while one types. */
  procedure: Partial<Procedure> | undefined;
  /** True when there are no errors (warnings allowed): the procedure may be published. */
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** Checks procedure YAML text against the format and the library `context`. Never throws. */
export function diagnose(text: string, file = 'procedure.yaml', context: LibraryContext = {}): Diagnosis {
  const result = validateProcedureText(text, file, context);
  const value = result.doc.value;
  const procedure = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<Procedure>) : undefined;
  return { procedure, valid: result.procedure !== undefined, diagnostics: result.diagnostics };
}
