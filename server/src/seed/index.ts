export { demoUsers, scenarioRecords, seed, type DemoSeed } from './demo';
