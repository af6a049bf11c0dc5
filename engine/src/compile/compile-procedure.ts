import type { Diagnostic } from '../diagnostics/diagnostic';
import { InvalidDefinitionError } from '../errors';
import { END, type Procedure, type Step } from '../model/procedure';
import { ExpressionCache } from './expressions';
import { buildGraph, targetKind, type ProcedureGraph } from './graph';
import { buildMachineConfig, createProcedureMachine, type MachineConfigJSON, type ProcedureMachine } from './machine';
import { compileSchemas, type CompiledSchemas } from './schemas';
import { isSupplementStep, supplementActionForm } from './supplement-request';

/** Options of `compileProcedure`. */
export interface CompileOptions {
  /** The file the procedure came from, for diagnostics (default `<code>@<version>`). */
  file?: string;
}

/**
 * A procedure ready to run: its XState machine, every CEL expression compiled once, the data
 * and form schemas compiled once, and the flow graph. Build it once per procedure version
 * and share it between cases; it holds no case state.
 */
export interface CompiledProcedure {
  procedure: Procedure;
  /** The XState machine (created on first access, then kept). */
  readonly machine: ProcedureMachine;
  /** The machine's config as JSON data (see `toMachineJSON`). */
  config: MachineConfigJSON;
  expressions: ExpressionCache;
  schemas: CompiledSchemas;
  graph: ProcedureGraph;
}

/**
 * Compiles a (validated) procedure. Throws `InvalidDefinitionError` listing every structural
 * problem the runtime cannot live with (unknown targets, duplicate ids, expressions that do not
 * compile); the validator (`engine/src/validate`) reports these and more with line:col.
 */
export function compileProcedure(procedure: Procedure, options: CompileOptions = {}): CompiledProcedure {
  const file = options.file ?? `${procedure.code}@${procedure.version}`;
  const graph = buildGraph(procedure);
  const diagnostics = checkStructure(procedure, graph, file);
  const expressions = new ExpressionCache(procedure.data?.schema);
  for (const [source, path] of celSources(procedure, graph)) {
    try {
      expressions.get(source);
    } catch (err) {
      diagnostics.push(diag(file, path, 'E_CEL_COMPILE', `\`${source}\`: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}`, 'Fix the expression; `motcua validate` shows where.'));
    }
  }
  if (diagnostics.length > 0) {
    throw new InvalidDefinitionError(`${file} cannot be compiled: ${diagnostics.length} problem(s); first: ${diagnostics[0]?.message ?? ''}`, diagnostics, { path: diagnostics[0]?.path });
  }
  const schemas = compileSchemas(procedure, (fn) => {
    for (const [, place] of graph.steps) {
      if (place.step.kind !== 'task') continue;
      for (const [action, spec] of Object.entries(place.step.actions)) {
        // An action asking for a supplement names what is missing (supplement-request.ts).
        if (isSupplementStep(procedure.steps, spec.to)) fn(place.step.id, action, supplementActionForm(procedure, spec.form));
        else if (spec.form) fn(place.step.id, action, spec.form);
      }
    }
  });
  const config = buildMachineConfig(procedure, graph);
  // Created on first use: drawing or listing procedures needs the config, not the machine.
  let machine: ProcedureMachine | undefined;
  return {
    procedure,
    get machine(): ProcedureMachine {
      return (machine ??= createProcedureMachine(config, graph, expressions));
    },
    config,
    expressions,
    schemas,
    graph,
  };
}

function diag(file: string, path: string, code: string, message: string, hint: string): Diagnostic {
  return { file, line: 1, column: 1, code, severity: 'error', message, hint, path };
}

function checkStructure(procedure: Procedure, graph: ProcedureGraph, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (procedure.steps.length === 0) out.push(diag(file, 'steps', 'E_NO_STEPS', 'the procedure has no steps', 'Add at least one step.'));
  const seen = new Set<string>();
  const check = (list: readonly Step[], base: string, inBranch: boolean): void => {
    list.forEach((step, i) => {
      const path = `${base}[${i}]`;
      if (seen.has(step.id) || graph.outcomes.has(step.id) || step.id === END) {
        out.push(diag(file, `${path}.id`, 'E_DUPLICATE_ID', `step id '${step.id}' is used twice (or names an outcome or 'end')`, 'Give every step and outcome its own id.'));
      }
      seen.add(step.id);
      for (const [to, where] of targetsOf(step, path)) {
        const kind = targetKind(graph, to);
        if (kind === undefined || (kind === END && !inBranch)) {
          out.push(diag(file, where, 'E_UNKNOWN_TARGET', `'${to}' is not a step or outcome`, `Use one of: ${[...graph.steps.keys(), ...graph.outcomes.keys()].join(', ')}${inBranch ? ', end' : ''}.`));
        }
      }
      if (step.kind === 'parallel') {
        for (const [branch, steps] of Object.entries(step.branches)) check(steps, `${path}.branches.${branch}`, true);
      }
    });
  };
  check(procedure.steps, 'steps', false);
  return out;
}

function targetsOf(step: Step, path: string): [string, string][] {
  switch (step.kind) {
    case 'task':
      return Object.entries(step.actions).map(([a, spec]) => [spec.to, `${path}.actions.${a}.to`]);
    case 'choice':
      return [...step.branches.map((b, i): [string, string] => [b.to, `${path}.branches[${i}].to`]), [step.otherwise, `${path}.otherwise`]];
    case 'procedure':
      return [[step.to, `${path}.to`], ...(step.onFail ? [[step.onFail, `${path}.onFail`] as [string, string]] : [])];
    case 'parallel':
    case 'payment':
    case 'supplement':
      return [[step.to, `${path}.to`]];
  }
}

/** Every CEL source of a procedure with its JSON path. */
function celSources(procedure: Procedure, graph: ProcedureGraph): [string, string][] {
  const out: [string, string][] = [];
  procedure.data?.prefill?.forEach((p, i) => out.push([p.key, `data.prefill[${i}].key`]));
  procedure.data?.computed?.forEach((c, i) => out.push([c.value, `data.computed[${i}].value`]));
  procedure.components?.forEach((c, i) => {
    if (typeof c.required === 'string') out.push([c.required, `components[${i}].required`]);
    if (c.replaceableBy) out.push([c.replaceableBy.key, `components[${i}].replaceableBy.key`]);
  });
  procedure.fees?.forEach((f, i) => {
    for (const k of ['when', 'quantity', 'exempt'] as const) {
      const src = f[k];
      if (src !== undefined) out.push([src, `fees[${i}].${k}`]);
    }
  });
  for (const [, place] of graph.steps) {
    const s = place.step;
    if (s.kind === 'choice') s.branches.forEach((b, i) => out.push([b.when, `${place.path}.branches[${i}].when`]));
    if (s.kind === 'procedure') for (const [k, v] of Object.entries(s.data ?? {})) out.push([v, `${place.path}.data.${k}`]);
  }
  procedure.linked?.forEach((l, i) => {
    if (l.when) out.push([l.when, `linked[${i}].when`]);
    for (const [k, v] of Object.entries(l.data ?? {})) out.push([v, `linked[${i}].data.${k}`]);
  });
  return out;
}
