/**
 * Live diagnostics of the procedure being edited, computed in the browser (the engine core is
 * pure). YAML syntax errors come from the engine's `parseSource`; the structural checks below
 * are the designer's interim subset until `validateProcedureText` (engine/src/validate) lands,
 * then this module becomes a thin call to it and keeps its signature.
 */
import type { Diagnostic } from '../../../engine/src/diagnostics/diagnostic';
import { sortDiagnostics } from '../../../engine/src/diagnostics/diagnostic';
import type { Procedure } from '../../../engine/src/model/procedure';
import { formatPath, parseSource, type SourceDocument } from '../../../engine/src/parse/source-document';
import { buildFlowGraph } from './flow-graph';

/** The result of checking the editor's text: the parsed value (if any) and its diagnostics. */
export interface Diagnosis {
  procedure: Partial<Procedure> | undefined;
  diagnostics: Diagnostic[];
}

const REQUIRED = ['code', 'version', 'name', 'sector', 'level', 'deadline', 'steps', 'outcomes'] as const;

/** Checks procedure YAML text. Never throws. */
export function diagnose(text: string, file = 'procedure.yaml'): Diagnosis {
  const doc = parseSource(text, file);
  const diagnostics = [...doc.diagnostics];
  const value = doc.value;
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (diagnostics.length === 0) {
      diagnostics.push(at(doc, [], 'E_NOT_A_PROCEDURE', 'the file is not a YAML mapping', 'A procedure starts with `code:`, `version:`, `name:`...'));
    }
    return { procedure: undefined, diagnostics: sortDiagnostics(diagnostics) };
  }
  const procedure = value as Partial<Procedure>;
  const rec = value as Record<string, unknown>;
  for (const key of REQUIRED) {
    if (rec[key] === undefined) diagnostics.push(at(doc, [], 'E_MISSING_FIELD', `required field '${key}' is missing`, `Add \`${key}:\` at the top level (see the procedure format).`));
  }
  if (rec.steps !== undefined && !Array.isArray(rec.steps)) {
    diagnostics.push(at(doc, ['steps'], 'E_TYPE', '`steps` must be a list', 'Write each step as `- id: ...` under `steps:`.'));
  }
  const graph = buildFlowGraph(procedure);
  const known = graph.nodes.map((n) => n.id);
  for (const edge of graph.edges) {
    if (!edge.broken) continue;
    const from = graph.nodes.find((n) => n.id === edge.from);
    diagnostics.push(at(doc, targetPath(procedure, from?.path ?? [], edge.label), 'E_UNKNOWN_TARGET',
      `step '${edge.from}': '${edge.to}' is not a step or outcome`, `Use one of: ${known.join(', ')}.`));
  }
  return { procedure, diagnostics: sortDiagnostics(diagnostics) };
}

/** The path of the `to` that an edge came from, so the diagnostic lands on its line. */
function targetPath(procedure: Partial<Procedure>, stepPath: (string | number)[], label: string): (string | number)[] {
  let node: unknown = procedure;
  for (const part of stepPath) node = (node as Record<string | number, unknown> | undefined)?.[part];
  const step = node as { kind?: string; actions?: Record<string, unknown> } | undefined;
  if (step?.kind === 'task' && step.actions && label in step.actions) return [...stepPath, 'actions', label, 'to'];
  return [...stepPath, 'to'];
}

function at(doc: SourceDocument, path: (string | number)[], code: string, message: string, hint: string): Diagnostic {
  const pos = doc.positionOf(path);
  return { file: doc.file, line: pos.line, column: pos.column, code, severity: 'error', message, hint, path: formatPath(path) };
}
