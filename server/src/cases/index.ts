export { CaseService, type ActionInput, type BeforeCommit, type CaseServiceOptions, type FileCaseInput, type OnClosed, type Settlement } from './service';
export { caseView, withTimeline, type CaseView, type ViewDeps } from './case-view';
export { worklist, type WorkItem, type WorklistPage, type WorklistQuery } from './worklist';
export { newCaseId, nextWrite, rowIdentity } from './writes';
export { writeTransition, appendEvents, staleVersion, type TransitionWrite } from './persist';
export { FINAL_STATUSES, NO_DUE, type CaseRow } from './case-row';
export type { ActInput, CaseEngine, CaseSummary, FileRef, Lookup, OpenTask, SourceRecords, SubmitInput, Transition } from './engine-port';
export { createRuntimeEngine, type RuntimeCompiled } from './runtime-engine';
export { UnitDirectory, type UnitInfo } from './units';
