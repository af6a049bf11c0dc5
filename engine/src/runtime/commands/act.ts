import type { CompiledProcedure } from '../../compile/compile-procedure';
import { actEvent } from '../../compile/machine';
import { formKey } from '../../compile/schemas';
import { RefusalError } from '../../errors';
import { checkTaskAccess } from '../access';
import { advance, type Draft } from '../advance';
import { extendCaseClock } from '../clock';
import type { CaseCommand, RuntimeEnv } from '../types';
import { checkOpen, notAllowed } from './guards';

/**
 * An officer takes an action on an active task: the step must be active and define the action
 * (`E_ACTION_NOT_ALLOWED`), the officer must hold its role and level (`E_FORBIDDEN`), the form
 * must satisfy the action's schema (`E_INVALID_FORM`). An action with `extend` extends the
 * statutory deadline.
 */
export function act(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'act' }>, env: RuntimeEnv): void {
  const state = draft.state;
  checkOpen(state);
  const step = compiled.graph.steps.get(command.step)?.step;
  if (!step || !state.active.includes(command.step)) throw notAllowed(compiled, state, `Step '${command.step}' is not active`);
  if (step.kind !== 'task') throw notAllowed(compiled, state, `Step '${command.step}' is a ${step.kind} step, not a task`);
  const spec = step.actions[command.action];
  if (!spec) throw notAllowed(compiled, state, `Step '${command.step}' has no action '${command.action}'`);
  checkTaskAccess(step, command.actor);
  const check = compiled.schemas.forms.get(formKey(step.id, command.action));
  if (check) {
    const problems = check(command.form ?? {});
    if (problems.length > 0) {
      throw new RefusalError('E_INVALID_FORM', `The form of '${command.action}' has ${problems.length} problem(s): ${problems.map((p) => p.path).join(', ')}`, problems, {
        path: problems[0]?.path,
        hint: 'Fill every listed field of the action form.',
      });
    }
  }
  if (spec.extend) extendCaseClock(compiled, draft, spec.extend, env, command.actor, `${step.id}.${command.action}`);
  advance(compiled, draft, env, { type: actEvent(command.action), step: step.id }, {
    actor: command.actor,
    step: step.id,
    action: command.action,
    ...(command.form === undefined ? {} : { form: command.form }),
  });
}
