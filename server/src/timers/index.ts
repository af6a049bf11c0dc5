export { fireDueTimers, pollTimers, startTimerPoller, type PollReport, type TimerPollerOptions } from './poller';
export { fireAlarm, type AlarmRow, type FireDeps, type FireResult } from './fire';
export { ALARM, alarmOf, armAlarm, armCaseTimers, markWorkItemsDueSoon } from './arm';
