import { END, type Step } from '../model/procedure';
import type { CompiledProcedure } from './compile-procedure';

/**
 * The machine's config as JSON text: paste it into `createMachine` or Stately's editor to see
 * the procedure in XState tooling. (The config rather than `machine.toJSON()`, because the
 * resolved definition leaves out eventless `always` transitions: choices and zero-fee
 * payments.) Deterministic: the same procedure gives the same text byte for byte, because the
 * config is built from the procedure alone and every guard and action is named.
 */
export function toMachineJSON(compiled: CompiledProcedure): string {
  return `${JSON.stringify(compiled.config, null, 2)}\n`;
}

/**
 * A Mermaid `stateDiagram-v2` of the procedure: steps, parallel regions, choices, outcomes.
 * Deterministic (document order throughout); ids that Mermaid cannot read are renamed and the
 * step id is kept as the label.
 */
export function toMermaid(compiled: CompiledProcedure): string {
  const { procedure, graph } = compiled;
  const names = new Map<string, string>();
  const used = new Set<string>();
  const nameOf = (id: string): string => {
    let n = names.get(id);
    if (n) return n;
    const base = id.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, 's_') || 's';
    n = base;
    for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
    used.add(n);
    names.set(id, n);
    return n;
  };
  const label = (text: string): string => text.replace(/[\r\n]+/g, ' ').replace(/;/g, ',');
  const lines: string[] = ['stateDiagram-v2', `  %% ${procedure.code} ${procedure.version}`];

  const declare = (id: string, indent: string, stereotype?: string): void => {
    const n = nameOf(id);
    if (n !== id) lines.push(`${indent}state "${label(id)}" as ${n}`);
    if (stereotype) lines.push(`${indent}state ${n} ${stereotype}`);
  };
  const edge = (indent: string, from: string, to: string, text: string): void => {
    const target = to === END ? '[*]' : nameOf(to);
    lines.push(`${indent}${nameOf(from)} --> ${target}${text ? `: ${label(text)}` : ''}`);
  };

  const outside: string[] = [];
  const emit = (steps: readonly Step[], indent: string, inside?: Set<string>): void => {
    for (const step of steps) {
      if (step.kind === 'parallel') {
        declare(step.id, indent);
        lines.push(`${indent}state ${nameOf(step.id)} {`);
        Object.entries(step.branches).forEach(([branch, list], i) => {
          if (i > 0) lines.push(`${indent}  --`);
          lines.push(`${indent}  %% branch ${branch}`);
          if (list[0]) lines.push(`${indent}  [*] --> ${nameOf(list[0].id)}`);
          emit(list, `${indent}  `, new Set([...list.map((s) => s.id), END]));
        });
        lines.push(`${indent}}`);
        if (!inside) lines.push(...outside.splice(0));
      } else {
        declare(step.id, indent, step.kind === 'choice' ? '<<choice>>' : undefined);
      }
      for (const e of graph.edges.filter((x) => x.from === step.id)) {
        // Mermaid declares a state where it is first named: an edge that leaves a parallel
        // block is drawn after the block, or the target would appear inside it.
        if (inside && !inside.has(e.to)) outside.push(`  ${nameOf(e.from)} --> ${nameOf(e.to)}: ${label(e.label)}`);
        else edge(indent, e.from, e.to, e.label);
      }
    }
  };

  if (procedure.steps[0]) lines.push(`  [*] --> ${nameOf(procedure.steps[0].id)}`);
  emit(procedure.steps, '  ');
  for (const [id, outcome] of graph.outcomes) {
    declare(id, '  ');
    lines.push(`  ${nameOf(id)} --> [*]`);
    lines.push(`  note right of ${nameOf(id)}: ${outcome.status}${outcome.result ? `, issues ${label(outcome.result.document)}` : ''}`);
  }
  if (graph.withdrawOutcome) lines.push(`  %% WITHDRAW from any step leads to ${graph.withdrawOutcome}`);
  return `${lines.join('\n')}\n`;
}
