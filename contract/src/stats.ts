/**
 * Statistics (`GET /api/stats`) and the national service-quality index of Decision
 * 766/QĐ-TTg, as the server answers them (docs/statistics.md says how each figure is counted).
 */

/** What rows are grouped by. */
export const STATS_BY = ['unit', 'procedure', 'level', 'sector'] as const;
export type StatsBy = (typeof STATS_BY)[number];

/** The time series' step (absent: one bucket for the whole range). */
export const STATS_PERIODS = ['day', 'week', 'month'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** The figures of one group (and bucket), about the cases received in it. */
export interface StatsFigures {
  received: number;
  /** Closed with an outcome (done, rejected, withdrawn, cancelled), at any time since. */
  resolved: number;
  /** Closed on time as the national portal counts it. */
  resolvedOnTime: number;
  /** Portal numerator: closed on time, plus open and not late at the bucket's end (or now). */
  onTime: number;
  /** onTime / received; null when nothing was received. */
  onTimeRate: number | null;
  /** Still open and past their due now. */
  overdueNow: number;
  /** Still open, in the last fifth of their time allowed now. */
  dueSoon: number;
  open: number;
  online: number;
  /** online / received; null when nothing was received. */
  onlineShare: number | null;
  /** Mean working days from receipt to closure, supplement time excluded; null when none closed. */
  avgProcessingDays: number | null;
  /** Closed with an electronic (signed) result document. */
  electronicResults: number;
  /** Citizens' ratings (1 to 5) of these cases. */
  satisfaction: { count: number; average: number | null };
}

/** One row: a group (unit, procedure, level or sector) and, with a period, a bucket. */
export interface StatsRow extends StatsFigures {
  key: string;
  /** Display name (Vietnamese) of the group: a unit's or procedure's name; absent for levels and sectors. */
  name?: string;
  /** English name, when the group has one. */
  nameEn?: string;
  /** A unit's parent and level (by=unit), so that clients can draw the tree. */
  parent?: string;
  level?: string;
  /** The bucket's first day (YYYY-MM-DD), with a period. */
  bucket?: string;
  /** by=unit without a period: the unit's index under Decision 766/QĐ-TTg. */
  index766?: Index766;
}

/** An indicator of the index: measured from the unit's own cases, or not measured (never guessed). */
export type Indicator766 =
  | { id: string; max: number; kind: 'measured'; points: number; value: number; basis: string }
  | { id: string; max: number; kind: 'notMeasured'; reason: string };

export interface Group766 {
  id: 'transparency' | 'progress' | 'online-services' | 'online-payment' | 'digitization' | 'satisfaction';
  max: number;
  /** Points of the measured indicators; null when none is measured. */
  points: number | null;
  /** The most the measured indicators can give. */
  measuredMax: number;
  indicators: Indicator766[];
}

export interface Index766 {
  groups: Group766[];
  /** Sum of the measured points, out of `measuredMax` (never out of 100: the rest is not measured). */
  points: number;
  measuredMax: number;
}

export interface StatsAnswer {
  from: string;
  to: string;
  by: StatsBy;
  period?: StatsPeriod;
  /** Instant the open cases were judged at (ISO). */
  asOf: string;
  /** The units the caller may see: `all`, or the roots of their scope. */
  scope: 'all' | string[];
  rows: StatsRow[];
  total: StatsFigures;
}

/** `GET /api/stats/overdue`: open cases past their due, in the caller's scope. */
export interface OverdueCase {
  id: string;
  unit: string;
  procedure: string;
  /** ISO instant of the due that passed. */
  due: string;
  /** The day it was received (YYYY-MM-DD). */
  received: string;
  /** Whether the caller may open the case (its unit's officers may; a supervising province's leader sees only that it is late). */
  canOpen: boolean;
}

/** `POST /api/cases/:id/rating`. */
export interface RatingAnswer {
  case: string;
  score: number;
  ratedAt: string;
}
