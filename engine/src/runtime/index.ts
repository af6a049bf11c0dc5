/**
 * The case runtime: pure transitions of a case of a compiled procedure.
 *
 * ```ts
 * const compiled = compileProcedure(procedure);
 * const env = { now: Date.now(), calendar, sources };          // sources: records already fetched
 * const lookups = planLookups(compiled, data);                  // what to fetch first
 * let { state, events, effects } = submitCase(compiled, { data, uploads, actor }, env);
 * ({ state, events, effects } = applyCommand(compiled, state, { type: 'act', step: 'verify', action: 'approve', actor }, env));
 * ```
 *
 * No I/O happens here: the caller stores `state`, appends `events` to the timeline, carries out
 * `effects` (start child and linked cases, issue result documents) and schedules `tick`s at
 * `nextAlarm(compiled, state, calendar)`, the instant the next tick emits something.
 */
export { submitCase, checkData } from './submit';
export { applyCommand, type ApplyOptions } from './apply-command';
export { planLookups, consentLookups, applyPrefill, type LookupAccess } from './prefill';
export { declaredSubjects, presumedFiler, subjectNationalId, RELATION_SOURCE } from './subjects';
export { withDefaults } from './prefill';
export { filerView, type RecordBearing } from './filer-view';
export { getPath, setPath } from './paths';
export { previewFiling, type ReplacedPreview } from './preview';
export { CODED_VALUES_VI, documentTitle, valueText } from './display';
export { withoutComputed } from './computed';
export { applicantIdOf, applicantField, type ApplicantId } from './applicant';
export { activeSteps, machineContext, statusOf } from './advance';
export { allowed as allowedActions } from './commands/guards';
export { checkTaskAccess } from './access';
export { nextAlarm, dueSoonInstant } from './next-alarm';
export { caseFacts, portalOnTime, ONLINE_CHANNEL, type CaseFacts } from './facts';
export * from './types';
export * from './orchestrate';
