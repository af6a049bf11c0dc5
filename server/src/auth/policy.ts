/**
 * Who may do what. Answers are yes/no; the routes turn a "no" into a 403 (or a 404 where
 * even the existence of a case must not leak, e.g. a citizen asking for someone else's case).
 */
import { AccessError, type Level } from 'motcua/engine';
import type { Principal, UserKind } from './principal';

export function forbidden(): AccessError {
  return new AccessError('E_FORBIDDEN', 'You may not do this', {
    hint: 'Ask an administrator for the role this needs.',
  });
}

export function requireKind(principal: Principal, ...kinds: UserKind[]): void {
  if (!kinds.includes(principal.kind)) throw forbidden();
}

/** A citizen sees their own cases; an officer the cases of the units they hold a role in. */
export function canViewCase(principal: Principal, kase: { applicantId: string; unitId: string }): boolean {
  if (principal.kind === 'citizen') return kase.applicantId === principal.id;
  if (principal.kind === 'officer') return principal.roles.some((r) => r.unit === kase.unitId);
  return false;
}

/** An officer acts on a task when they hold its role in the case's unit, at the task's level. */
export function canActOnTask(principal: Principal, unitId: string, task: { role: string; level?: Level | null }): boolean {
  if (principal.kind !== 'officer') return false;
  return principal.roles.some((r) => r.unit === unitId && r.role === task.role && (!task.level || r.level === task.level));
}

/** The role (procedures/catalogues/roles.yaml) whose holders review and approve procedure drafts. */
export const APPROVER_ROLE = 'procedure-approver';

/** Whether the principal may approve, return and retire procedure versions: they hold the approver role. */
export function isApprover(principal: Principal): boolean {
  return principal.kind !== 'citizen' && principal.roles.some((r) => r.role === APPROVER_ROLE);
}

/** Authors write drafts; approvers read them to review. */
export function canReadDrafts(principal: Principal): boolean {
  return principal.kind === 'author' || isApprover(principal);
}

/** An approver, or a 403 that names the role needed. */
export function requireApprover(principal: Principal): void {
  if (!isApprover(principal)) {
    throw new AccessError('E_FORBIDDEN', 'Only a procedure approver may do this', { hint: `Ask an administrator for the '${APPROVER_ROLE}' role.` });
  }
}
