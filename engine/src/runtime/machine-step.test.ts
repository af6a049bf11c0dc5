import { describe, expect, it } from 'vitest';
import { compileProcedure } from '../compile';
import { machineContext } from './advance';
import { APPLICANT, birthData, birthProcedure, consultProcedure, envAt } from './fixtures';
import { initialStep, nextStep, persistedSnapshot } from './machine-step';
import { submitCase } from '.';

describe('persistedSnapshot', () => {
  // Stored in every case state: it must be XState's own persisted form, field for field and in
  // the same order (the stored JSON text, and so the audit's hashes, must not change with it).
  it.each([
    ['a sequence of tasks', compileProcedure(birthProcedure()), birthData(), ['request-form']],
    ['parallel branches', compileProcedure(consultProcedure()), { name: 'An' }, []],
  ])('is what XState persists, for %s, at every transition', (_name, compiled, data, uploads) => {
    const state = submitCase(compiled, { data, uploads, actor: APPLICANT }, envAt('2026-02-12T09:00:00')).state;
    const context = machineContext(state);
    context.scope = compiled.expressions.prepare(context);
    const xstate = (s: Parameters<typeof persistedSnapshot>[1]) => compiled.machine.getPersistedSnapshot({ ...s, context: {} } as typeof s);
    let [snapshot] = initialStep(compiled.machine, context);
    const seen = [snapshot];
    // Every event any step accepts, from the initial snapshot on: the snapshots a case can be stored in.
    for (const { step } of compiled.graph.steps.values()) {
      for (const action of Object.keys(step.kind === 'task' ? step.actions : {})) {
        try {
          const [next] = nextStep(compiled.machine, snapshot, { type: `act.${action}`, step: step.id }, context);
          if (next.value === snapshot.value) continue;
          snapshot = next;
          seen.push(snapshot);
        } catch {
          // A guard refused: not a reachable snapshot.
        }
      }
    }
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) expect(JSON.stringify(persistedSnapshot(compiled.machine, s))).toBe(JSON.stringify(xstate(s)));
  });
});
