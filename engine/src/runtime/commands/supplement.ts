import type { CompiledProcedure } from '../../compile/compile-procedure';
import { computeFees } from '../../fees/compute-fees';
import { checkApplicantSide } from '../access';
import { advance, type Draft } from '../advance';
import { checkUploadIds, normaliseUploads, statusMap } from '../components';
import { applyComputed, refuseTypedComputed } from '../computed';
import { checkLocked, withDefaults } from '../prefill';
import { checkData, checkSent } from '../submit';
import type { CaseCommand, RuntimeEnv } from '../types';
import { activeOfKind, checkOpen, notAllowed } from './guards';

/**
 * The applicant answers a request for supplement: new uploads become `provided`, new data is
 * merged field by field (top level) and checked against the schema and the locked prefilled
 * fields; fees are recomputed; the case leaves the supplement step and the clock resumes.
 */
export function supplement(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'supplement' }>, env: RuntimeEnv): void {
  const state = draft.state;
  checkOpen(state);
  checkApplicantSide(command.actor, 'supplement the dossier');
  const named = command.step === undefined ? undefined : compiled.graph.steps.get(command.step)?.step;
  const step = command.step === undefined ? activeOfKind(compiled, state, 'supplement') : named?.kind === 'supplement' && state.active.includes(named.id) ? named : undefined;
  if (!step) throw notAllowed(compiled, state, command.step === undefined ? 'No supplement was requested' : `Step '${command.step}' is not a supplement waiting for an answer`);
  const uploads = normaliseUploads(command.uploads);
  checkUploadIds(compiled, uploads);
  if (command.data) {
    refuseTypedComputed(compiled, command.data);
    const data = applyComputed(compiled, withDefaults(compiled, { ...state.data, ...command.data }), state.submittedAt);
    checkLocked(state.prefilled, data);
    checkData(compiled, data, checkSent(compiled, command.data));
    state.data = data;
  }
  for (const [id, file] of Object.entries(uploads)) {
    const current = state.components[id];
    state.components[id] = { status: 'provided', required: current?.required ?? false, file };
  }
  state.fees = computeFees(compiled, state.data, { components: statusMap(state.components), case: { submittedAt: state.submittedAt } });
  advance(compiled, draft, env, { type: 'SUPPLEMENT', step: step.id }, {
    actor: command.actor,
    step: step.id,
    action: 'supplement',
    detail: { uploads: Object.keys(uploads), fields: Object.keys(command.data ?? {}) },
  });
}
