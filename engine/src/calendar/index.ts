/**
 * The statutory clock: working calendars and deadline arithmetic. Pure functions on epoch
 * milliseconds; compile a calendar once with `compileCalendar` and share it.
 */
export * from './types';
export { calendarCache, type CalendarCache, type CalendarSpecs } from './cache';
export { compileCalendar, isWorkingDay, nthWorkingDayAfter, workingDaysBetween, checkHorizon, HORIZON_DAYS, type CompileOptions, type WorkingCalendar } from './compile';
export { validateCalendar, type ValidateCalendarOptions } from './validate';
export { resolveCalendar, type CalendarLookup } from './resolve';
export { expandDays, ruleDays, DEFAULT_YEARS, type DaySets } from './rules';
export { lunarMonths, lunarToEpochDay } from './lunar';
export { parseDate, formatDate, dayOf, weekdayOf, DAY_MS, HOUR_MS, MINUTE_MS } from './days';
export { toReceipt, addWorkingTime, workingTimeBetween, closeOfDay, localDay, instantOf, workingDayOnOrAfter } from './working-time';
export { computeDue, addToDue, checkDuration, endOfCalendarDays, type DeadlineUnit, type Duration } from './deadline';
export type { ClockMode } from '../model/procedure';
export {
  startClock, suspendClock, resumeClock, extendClock, clockStatus, timeAllowed, isOnTime, workingTimeSpent,
  CLOCK_STATUSES, type ClockStatus, type DeadlineClock, type ClockSuspension,
} from './clock';
export { formatInstant, parseInstant } from './instant';
export { zoneOf, isKnownTimeZone, type Zone } from './zone';
