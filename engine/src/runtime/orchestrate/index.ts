/**
 * The one orchestrator: what the server and the scenario simulator both do around the pure
 * transitions (child and linked cases, their roll-up and refusal, routing to units, the
 * mapping of a person's action to a command). Pure, like the rest of the runtime.
 */
export { actionCommand, APPLICANT_ACTIONS, type CaseAction } from './action';
export {
  CHILD_CASE_ACTOR, childFinishedCommand, childUploads, planChild, startChild, startEffects, startedName,
  type ChildPlan, type ChildRefused, type ChildStart, type StartEffect,
} from './children';
export { overlayScopeProblem, requireOverlayScope, requireRoute, routeUnit, unitAtLevel, type DirectoryUnit, type Handles, type Route, type UnitDirectory } from './units';
