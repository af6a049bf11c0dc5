export { recordTransition, addCounts, monthOf, unitPath, ALL, type StatsWrite } from './record';
export { parseStatsQuery, dayOfInstant, startOfDay, STATS_ZONE, type StatsQuery } from './params';
export { scopeOf, narrowTo, subtree, type StatsScope } from './scope';
export { runStats, figures, type ProcedureInfo, type StatsDeps } from './query';
export { overdueCases } from './overdue';
export { statsCsv } from './csv';
export { index766 } from './index766';
export { rateCase } from './rating';
