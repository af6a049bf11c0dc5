import type { CompiledProcedure } from '../../compile/compile-procedure';
import { RefusalError } from '../../errors';
import type { Step } from '../../model/procedure';
import type { CaseState } from '../types';

/** Refuses any command on a closed case (`E_CASE_CLOSED`). */
export function checkOpen(state: CaseState): void {
  if (state.outcome) {
    throw new RefusalError('E_CASE_CLOSED', `The case is closed (outcome '${state.outcome}', ${state.status})`, [], {
      hint: 'A closed case cannot change; file a new case if needed.',
    });
  }
}

/** What each active step allows, for refusals that must say what *is* possible. */
export function allowed(compiled: CompiledProcedure, state: CaseState): { step: string; kind: Step['kind']; actions: string[] }[] {
  return state.active.flatMap((id) => {
    const step = compiled.graph.steps.get(id)?.step;
    if (!step) return [];
    const actions =
      step.kind === 'task' ? Object.keys(step.actions)
        : step.kind === 'payment' ? ['pay']
          : step.kind === 'supplement' ? ['supplement']
            : step.kind === 'procedure' ? ['child-finished']
              : [];
    return [{ step: id, kind: step.kind, actions }];
  });
}

/** `E_ACTION_NOT_ALLOWED`, naming the active steps and what each allows. */
export function notAllowed(compiled: CompiledProcedure, state: CaseState, message: string): RefusalError {
  const now = allowed(compiled, state);
  const list = now.map((a) => `${a.step} (${a.actions.join(', ') || 'no actions'})`).join('; ');
  return new RefusalError('E_ACTION_NOT_ALLOWED', `${message}; the case waits in: ${list || 'no step'}`, [], {
    details: now,
    hint: now.length ? `Allowed now: ${list}.` : 'Nothing can be done on this case now.',
  });
}

/** The active step of a kind (the first, in document order), or undefined. */
export function activeOfKind<K extends Step['kind']>(compiled: CompiledProcedure, state: CaseState, kind: K): Extract<Step, { kind: K }> | undefined {
  for (const id of state.active) {
    const step = compiled.graph.steps.get(id)?.step;
    if (step?.kind === kind) return step as Extract<Step, { kind: K }>;
  }
  return undefined;
}
