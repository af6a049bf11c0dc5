import { AccessError } from '../errors';
import type { TaskStep } from '../model/procedure';
import type { Actor } from './types';

/**
 * Whether `actor` may act on a task: an officer holding the step's role, at the step's level
 * when it names one. The system actor (automation, migrations) may act on any task. Whether the
 * officer belongs to the case's unit is the server's check: the engine does not know units.
 */
export function checkTaskAccess(step: TaskStep, actor: Actor): void {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'officer') {
    throw new AccessError('E_FORBIDDEN', `Only an officer with role '${step.role}' may act on step '${step.id}'`, {
      path: step.id,
      hint: 'Sign in as an officer of the unit handling the case.',
    });
  }
  if (!actor.roles.includes(step.role)) {
    throw new AccessError('E_FORBIDDEN', `Officer ${actor.id} lacks role '${step.role}' required by step '${step.id}'`, {
      path: step.id,
      hint: `Ask an officer with role '${step.role}' to act, or have the role granted.`,
    });
  }
  if (step.level && actor.level !== step.level) {
    throw new AccessError('E_FORBIDDEN', `Step '${step.id}' is handled at ${step.level} level; officer ${actor.id} acts at ${actor.level ?? 'no'} level`, {
      path: step.id,
      hint: `Ask a ${step.role} of the ${step.level}-level unit to act.`,
    });
  }
}

/** Applicant-side commands (supplement, withdraw) come from the applicant or the system. */
export function checkApplicantSide(actor: Actor, what: string): void {
  if (actor.kind === 'officer') {
    throw new AccessError('E_FORBIDDEN', `Only the applicant may ${what}`, {
      hint: 'The applicant does this from the portal; an officer cannot do it on their behalf.',
    });
  }
}
