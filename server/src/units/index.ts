export { parsePlan, planSchema, isIsoDate, dayBefore, type ReorgPlan, type PlanMerge, type PlanSplit, type PlanRename, type PlanMove, type PlanNewUnit, type SplitRule } from './plan';
export { resolvePlan, type Resolution, type Ending } from './resolve';
export { unitInForce, type UnitRecord } from './unit-record';
export { unitsInForce } from './in-force';
export { UnitReorganizer, type ReorgReport, type PendingDecision, type ReorganizerDeps } from './reorganize';
