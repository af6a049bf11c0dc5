export { TestClock, TEST_UNITS } from './world';
