/**
 * Skeleton scenarios, one case per path: the commands that walk the path in order (submit,
 * pay, act with the step's role, supplement, child cases' actions with `case:`), placeholders
 * for the data, and the outcome to expect. Authors fill in the data and the expectations.
 */
import type { CompiledProcedure } from '../compile';
import type { JsonSchema } from '../model/procedure';
import { flowGraphOf, type FlowEdge, type FlowGraph } from './flow';
import { simplePaths, type FlowPath } from './paths';

/** The `skip:` a scaffolded case carries until its author fills it in. */
export const SCAFFOLD_SKIP = 'draft from --scaffold: replace every TODO, add expectations, then remove this line';

/** Options of `scaffoldScenario`. */
export interface ScaffoldOptions {
  /** Child procedures by code, to walk their steps too. */
  resolve?: (code: string) => CompiledProcedure | undefined;
  /** The `$schema` line's path to scenario.schema.json, relative to the written file. */
  schemaPath?: string;
  /** Where the simulated clock starts (default a Monday 09:00 in Vietnam). */
  clock?: string;
  /** Paths already covered by scenarios (see `pathKey`): said in the header. */
  coveredCount?: number;
}

/** YAML flow style for small values: `{ step: verify, action: approve }`. */
export function flow(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${scalar(k)}: ${flow(v)}`).join(', ')} }`;
  }
  if (typeof value === 'string') return scalar(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function scalar(s: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s) ? s : JSON.stringify(s);
}

/** A placeholder value that a JSON Schema accepts where it can tell (defaults, enums, minimums). */
export function sampleOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return 'TODO';
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      return Object.fromEntries(required.map((k) => [k, sampleOf(props[k])]));
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'string':
      return schema.format === 'date' ? '2000-01-01' : 'TODO';
    default:
      return 'TODO';
  }
}

/** The scenario lines (indented for a case's `steps:`) that walk one path. */
export function pathSteps(compiled: CompiledProcedure, graph: FlowGraph, path: FlowPath, options: ScaffoldOptions = {}, caseName?: string): string[] {
  const lines: string[] = [];
  const on = caseName ? `, case: ${scalar(caseName)}` : '';
  const act = (e: FlowEdge): void => {
    const stepId = e.step ?? e.from;
    const role = graph.kinds.get(stepId)?.role;
    const place = compiled.graph.steps.get(stepId);
    const spec = place?.step.kind === 'task' ? place.step.actions[e.action ?? e.label] : undefined;
    const form = spec?.form ? `, form: ${flow(sampleOf(spec.form))}` : '';
    const body = `{ step: ${scalar(stepId)}, action: ${scalar(e.action ?? e.label)}${role ? `, as: { role: ${scalar(role)} }` : ''}${form} }`;
    lines.push(caseName ? `      - case: ${scalar(caseName)}\n        act: ${body}` : `      - act: ${body}`);
  };
  for (const e of path.edges) {
    switch (e.kind) {
      case 'action':
        if (e.step !== e.from) for (const r of graph.regions.get(e.from) ?? []) for (const m of r.moves.filter((m) => m.step !== e.step)) act(m);
        act(e);
        break;
      case 'pay':
        lines.push(caseName ? `      - case: ${scalar(caseName)}\n        pay: {}` : '      - pay: {}');
        break;
      case 'supplement':
        lines.push(`      - supplement: { upload: [] }${on ? `  # on ${caseName}` : ''}`);
        break;
      case 'withdraw':
        lines.push(caseName ? `      - case: ${scalar(caseName)}\n        withdraw: {}` : '      - withdraw: {}');
        break;
      case 'auto':
        lines.push(`      # ${e.from} moves on by itself to ${e.to}: ${e.label === 'otherwise' ? 'no branch condition holds' : `\`${e.label}\` must hold (set the data for it)`}`);
        break;
      case 'branches-done':
        for (const r of graph.regions.get(e.from) ?? []) for (const m of r.moves) act(m);
        break;
      case 'child-done':
      case 'child-failed':
        lines.push(...childSteps(compiled, e, options));
        break;
    }
  }
  return lines;
}

function childSteps(compiled: CompiledProcedure, e: FlowEdge, options: ScaffoldOptions): string[] {
  const stepId = e.step ?? e.from;
  const place = compiled.graph.steps.get(stepId);
  const code = place?.step.kind === 'procedure' ? place.step.procedure : '?';
  const child = options.resolve?.(code);
  const want = e.kind === 'child-done';
  if (!child) return [`      # TODO: the child case ${stepId} (procedure ${code}) must ${want ? 'succeed' : 'fail'}: act on it with \`case: ${stepId}\``];
  const graph = flowGraphOf(child);
  const path = simplePaths(graph).find((p) => (graph.outcomes.get(p.outcome) === 'done') === want);
  if (!path) return [`      # TODO: procedure ${code} has no path to ${want ? 'a done' : 'a failed'} outcome`];
  return [`      # the child case ${stepId} (procedure ${code}) ${want ? 'succeeds' : 'fails'}: ${path.outcome}`, ...pathSteps(child, graph, path, options, stepId)];
}

/** A skeleton scenario file with one case per given path (default: every simple path). */
export function scaffoldScenario(compiled: CompiledProcedure, paths?: readonly FlowPath[], options: ScaffoldOptions = {}): string {
  const graph = flowGraphOf(compiled);
  const list = paths ?? simplePaths(graph);
  const p = compiled.procedure;
  // Components a national source can replace are left out: the registry should hold their records.
  const uploads = (p.components ?? []).filter((c) => (c.required === true || c.required === undefined) && !c.replaceableBy).map((c) => c.id);
  const out: string[] = [];
  if (options.schemaPath) out.push(`# yaml-language-server: $schema=${options.schemaPath}`);
  out.push(
    `# Skeleton scenarios written by \`motcua test --scaffold\` for ${p.code} ${p.version}: one case per path`,
    `# from submission to an outcome that no scenario follows yet (${list.length} of ${list.length + (options.coveredCount ?? 0)}).`,
    '# Each case is a draft: `motcua test` reports it as skipped (never failed) until you replace',
    '# every TODO with data that takes the path, add expectations (fees, deadline, ...) and remove',
    '# its `skip:` line. The file may stay here, beside the procedure.',
    `procedure: ${JSON.stringify(p.code)}`,
    `clock: ${options.clock ?? '2026-03-02T09:00:00+07:00'}`,
    'registry: {}',
    'cases:',
  );
  if (list.length === 0) out.push('  []  # every path is covered');
  for (const path of list) {
    const outcome = path.outcome;
    const status = graph.outcomes.get(outcome);
    const name = [graph.initial, ...path.edges.map((e) => `${e.kind === 'action' ? e.label : e.kind}→${e.to}`)].join(' ');
    out.push(`  - name: ${JSON.stringify(`path to ${outcome}: ${name}`)}`, `    skip: ${JSON.stringify(SCAFFOLD_SKIP)}`, '    steps:');
    out.push('      - submit:', `          data: ${flow(sampleOf(p.data?.schema))}  # TODO: data that takes this path`, `          upload: ${flow(uploads)}`);
    const steps = pathSteps(compiled, graph, path, options);
    out.push(...steps);
    const lastCommand = steps.filter((l) => !l.trimStart().startsWith('#')).length;
    if (lastCommand === 0) out.push(`        expect: { outcome: ${scalar(outcome)}${status ? `, status: ${status}` : ''} }`);
    else out.push(`      - expect: { outcome: ${scalar(outcome)}${status ? `, status: ${status}` : ''} }`);
  }
  return `${out.join('\n')}\n`;
}
