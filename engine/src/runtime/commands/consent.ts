import type { CompiledProcedure } from '../../compile/compile-procedure';
import { AccessError, NotFoundError, RefusalError } from '../../errors';
import type { Draft } from '../advance';
import { completeDossier } from '../submit';
import { awaitsConsent } from '../subjects';
import { formatAt } from '../time';
import type { CaseCommand, RuntimeEnv } from '../types';

/**
 * A subject whose consent is required confirms, signed in as themself (`nationalId` is what
 * their sign-in proves; anyone else is refused `E_NOT_SUBJECT`). The last consent completes
 * the dossier: the case is received and enters its first step.
 */
export function consent(compiled: CompiledProcedure, draft: Draft, command: Extract<CaseCommand, { type: 'consent' }>, env: RuntimeEnv): void {
  const state = draft.state;
  const subject = state.subjects?.find((s) => s.id === command.subject);
  if (!subject) {
    throw new NotFoundError('E_UNKNOWN_SUBJECT', `The case names no subject '${command.subject}'`, {
      path: 'subject',
      hint: `Subjects of this case: ${(state.subjects ?? []).map((s) => s.id).join(', ') || '(none)'}.`,
    });
  }
  if (subject.nationalId !== command.nationalId || command.actor.kind === 'officer') {
    throw new AccessError('E_NOT_SUBJECT', `Only '${command.subject}' themself may consent`, {
      path: 'subject',
      hint: 'The person named in the form confirms with their own sign-in (VNeID); nobody consents for them.',
    });
  }
  if (state.status !== 'awaiting-consent' || subject.status !== 'awaiting-consent') {
    throw new RefusalError('E_NOT_AWAITING_CONSENT', `Nothing of '${command.subject}' awaits consent in this case`, [], {
      status: 409,
      path: 'subject',
      hint: 'The consent was already given, or the case no longer waits for it.',
    });
  }
  const at = formatAt(env);
  subject.status = 'consented';
  subject.consentedAt = at;
  const detail: Record<string, unknown> = { subject: subject.id, complete: !awaitsConsent(state.subjects) };
  draft.events.push({ type: 'consented', at, actor: command.actor, detail });
  if (detail.complete === true) completeDossier(compiled, draft, env, command.actor, detail);
}
