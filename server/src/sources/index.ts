export { readRecords, upsertRecords, type SourceRecord } from './records';
