export { demoUserIds, demoUsers, scenarioRecords, seed, type DemoSeed } from './demo';
export { checkProduction, findDemoUsers, type ProductionCheck } from './production';
