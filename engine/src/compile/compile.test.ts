import { describe, expect, it } from 'vitest';
import { InvalidDefinitionError } from '../errors';
import type { Procedure } from '../model/procedure';
import { birthProcedure, consultProcedure } from '../runtime/fixtures';
import { initialTransition, transition } from 'xstate';
import { compileProcedure, createProcedureMachine, toMachineJSON, toMermaid, type MachineConfigJSON } from '.';

/** The same procedure with its top-level keys in reverse order (YAML key order must not matter). */
function shuffled(p: Procedure): Procedure {
  return Object.fromEntries(Object.entries(p).reverse()) as unknown as Procedure;
}

describe('compileProcedure', () => {
  it('builds one state per step, parallel regions with an end state, and final outcomes', () => {
    const def = compileProcedure(consultProcedure()).machine.toJSON() as unknown as {
      states: Record<string, { type: string; states: Record<string, { states: Record<string, { type: string }> }> }>;
    };
    expect(Object.keys(def.states)).toEqual(['consult', 'residence', 'approved', 'rejected']);
    expect(def.states.consult?.type).toBe('parallel');
    expect(Object.keys(def.states.consult?.states ?? {})).toEqual(['police', 'tax']);
    expect(Object.keys(def.states.consult?.states.tax?.states ?? {})).toEqual(['tax-check', 'tax-supplement', 'end']);
    expect(def.states.consult?.states.tax?.states.end?.type).toBe('final');
    expect(def.states.approved?.type).toBe('final');
  });

  it('indexes nested steps with their JSON path and parallel', () => {
    const { graph } = compileProcedure(consultProcedure());
    expect(graph.steps.get('tax-supplement')).toMatchObject({ path: 'steps[0].branches.tax[1]', parallel: { step: 'consult', branch: 'tax' } });
    expect(graph.withdrawOutcome).toBeUndefined();
    expect(compileProcedure(birthProcedure()).graph.withdrawOutcome).toBe('withdrawn');
  });

  it('refuses unknown targets and duplicate ids, listing each with its path', () => {
    const p = birthProcedure();
    p.steps.push({ id: 'verify', kind: 'supplement', to: 'nowhere' });
    let error: unknown;
    try {
      compileProcedure(p);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    const paths = (error as InvalidDefinitionError).diagnostics.map((d) => `${d.code} ${d.path}`);
    expect(paths).toEqual(['E_DUPLICATE_ID steps[6].id', 'E_UNKNOWN_TARGET steps[6].to']);
  });

  it("refuses 'end' outside a parallel branch", () => {
    const p = birthProcedure();
    p.steps[0] = { id: 'pay', kind: 'payment', to: 'end' };
    expect(() => compileProcedure(p)).toThrow(/not a step or outcome/);
  });

  it('refuses expressions that do not compile', () => {
    const p = birthProcedure({ fees: [{ id: 'x', amount: 1, when: 'data.child.ageDays >' }] });
    expect(() => compileProcedure(p)).toThrow(InvalidDefinitionError);
  });
});

describe('toMachineJSON', () => {
  it('is deterministic: same procedure, same text, whatever the key order', () => {
    const a = toMachineJSON(compileProcedure(birthProcedure()));
    const b = toMachineJSON(compileProcedure(shuffled(birthProcedure())));
    expect(b).toBe(a);
    expect(JSON.parse(a)).toMatchObject({ id: '9.000100', initial: 'pay', on: { WITHDRAW: { target: '#withdrawn' } } });
  });

  it('is a working machine config: the JSON, parsed back, runs like the compiled machine', () => {
    const compiled = compileProcedure(consultProcedure());
    const again = createProcedureMachine(JSON.parse(toMachineJSON(compiled)) as MachineConfigJSON, compiled.graph, compiled.expressions);
    const context = { data: { name: 'x' }, case: {}, components: {}, fees: 0, paid: 0 };
    for (const machine of [compiled.machine, again]) {
      let [s] = initialTransition(machine, context);
      [s] = transition(machine, s, { type: 'act.done', step: 'police-check' });
      [s] = transition(machine, s, { type: 'act.done', step: 'tax-check' });
      expect(s.value).toBe('residence');
    }
  });

  it('names guards and actions (no functions), so XState tooling can read it', () => {
    const json = toMachineJSON(compileProcedure(birthProcedure()));
    expect(json).toContain('"type": "when"');
    expect(json).toContain('"type": "isStep"');
    expect(json).toContain('"data.child.bornAbroad"');
    expect(json).not.toMatch(/=>|function/);
  });
});

describe('toMermaid', () => {
  it('is deterministic and draws every edge', () => {
    const a = toMermaid(compileProcedure(birthProcedure()));
    expect(toMermaid(compileProcedure(shuffled(birthProcedure())))).toBe(a);
    expect(a.split('\n')[0]).toBe('stateDiagram-v2');
    expect(a).toContain('state route <<choice>>');
    expect(a).toContain('route --> province_review: data.child.bornAbroad');
    expect(a).toContain('state "province-review" as province_review');
    expect(a).toContain('sign --> approved: sign');
  });

  it('draws parallel regions separated by --, ending in [*]', () => {
    const text = toMermaid(compileProcedure(consultProcedure()));
    expect(text).toContain('state consult {');
    expect(text).toMatch(/police_check --> \[\*\]: done\n\s+--\n/);
    expect(text).toMatch(/}\n {2}police_check --> rejected: refuse\n/);
    expect(text).toContain('consult --> residence: all branches done');
  });
});

describe('schemas', () => {
  it('names the offending field of every violation, in arrays and unknown fields too', () => {
    const p = birthProcedure();
    p.data = { schema: { type: 'object', additionalProperties: false, properties: { kids: { type: 'array', items: { type: 'object', required: ['name'] } } } } };
    const problems = compileProcedure(p).schemas.data({ kids: [{}, { name: 'x' }, {}], extra: 1 });
    expect(problems.map((x) => x.path).sort()).toEqual(['data.extra', 'data.kids[0].name', 'data.kids[2].name']);
    expect(problems.find((x) => x.path === 'data.extra')?.message).toBe('data.extra is not a field of this form');
  });
});
