export { fireDueTimers, startTimerPoller, type TimerPollerOptions } from './poller';
