/**
 * The engine's memoized machine moves (`engine/src/runtime/machine-step.ts`, `move`) against
 * XState's interpreter, on every procedure of the library: random event sequences under
 * contexts built from each procedure's scenarios. `machine-step.test.ts` beside the runtime
 * compares the stored snapshot with XState's own persisted form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProcedure, COMPONENT_STATUSES, type MachineContext, type MachineEvent } from 'motcua/engine';
import { loadLibrarySync } from 'motcua/engine/node';
import { move, type Move } from '../../engine/src/runtime/machine-step';

describe('move, memoized', () => {
  // Every procedure of the library, every event its machine takes, in random order, under
  // contexts built from its scenarios' data: the memoized move (second pass: served from the
  // memo wherever it may be) gives what XState gives, value, status, stored snapshot, markers
  // and errors alike.
  const root = join(import.meta.dirname, '..', '..', 'procedures');
  const { library } = loadLibrarySync(root);
  const versions = [...library.procedures.values()].flat();

  it('loads the library', () => expect(versions.length).toBeGreaterThan(20));

  it.each(versions.map((v) => [`${v.procedure.code} ${v.procedure.version}`, v] as const))('is XState, for %s', (_name, loaded) => {
    const compiled = compileProcedure(loaded.procedure);
    const events = eventsOf(compiled);
    const datas = scenarioData(loaded.file);
    const componentIds = (loaded.procedure.components ?? []).map((c) => c.id);
    const contextArb = fc.record({
      data: fc.constantFrom(...datas),
      channel: fc.constantFrom('online', 'counter'),
      components: fc.array(fc.constantFrom(...COMPONENT_STATUSES), { minLength: componentIds.length, maxLength: componentIds.length }),
      fees: fc.constantFrom(0, 5000),
      paid: fc.constantFrom(0, 5000),
    });
    fc.assert(
      fc.property(contextArb, fc.array(fc.nat(events.length - 1), { maxLength: 14 }), (c, script) => {
        const context: MachineContext = {
          data: c.data,
          case: { submittedAt: '2026-03-09T08:00:00+07:00', channel: c.channel },
          components: Object.fromEntries(componentIds.map((id, i) => [id, c.components[i]!])),
          fees: c.fees,
          paid: c.paid,
        };
        context.scope = compiled.expressions.prepare(context);
        const run = (memo: boolean): unknown[] => {
          const out: unknown[] = [];
          let value: unknown;
          for (const event of [undefined, ...script.map((i) => events[i]!)]) {
            const got = outcomeOf(() => move(compiled.machine, value, event, context, memo));
            out.push(got);
            if (!('value' in got) || got.status === 'error') break;
            value = got.value;
          }
          return out;
        };
        const xstate = run(false);
        expect(run(true)).toEqual(xstate);
        expect(run(true)).toEqual(xstate);
      }),
      { numRuns: 25 },
    );
  });
});

/** Every event the machine of `compiled` takes, each aimed at every step that takes it. */
function eventsOf(compiled: ReturnType<typeof compileProcedure>): MachineEvent[] {
  const events: MachineEvent[] = [{ type: 'WITHDRAW' }];
  for (const { step } of compiled.graph.steps.values()) {
    if (step.kind === 'task') for (const action of Object.keys(step.actions)) events.push({ type: `act.${action}`, step: step.id });
    else if (step.kind === 'supplement') events.push({ type: 'SUPPLEMENT', step: step.id });
    else if (step.kind === 'payment') events.push({ type: 'PAY', step: step.id });
    else if (step.kind === 'procedure') events.push({ type: 'CHILD.DONE', step: step.id }, { type: 'CHILD.FAILED', step: step.id });
  }
  return events;
}

/** The data of every filing in the procedure's scenarios (`X.test.yaml` beside it), and `{}`. */
function scenarioData(file: string): Record<string, unknown>[] {
  const scenarios = file.replace(/\.yaml$/, '.test.yaml');
  const found: Record<string, unknown>[] = [{}];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const submit = (node as { submit?: { data?: unknown } }).submit;
      if (submit?.data && typeof submit.data === 'object') found.push(submit.data as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  if (existsSync(scenarios)) walk(parse(readFileSync(scenarios, 'utf8')));
  return found;
}

/** A move as plain data to compare: what the runtime reads of it, or the error it threw. */
function outcomeOf(fn: () => Move): { value: unknown; status: string; persisted: string; markers: string; error?: string } | { threw: string } {
  try {
    const m = fn();
    return {
      value: m.value,
      status: m.status,
      persisted: JSON.stringify(m.persisted),
      markers: JSON.stringify(m.markers),
      ...(m.status === 'error' ? { error: String(m.error) } : {}),
    };
  } catch (err) {
    return { threw: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
