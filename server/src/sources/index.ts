export { fetchRecords, readRecords, upsertRecords, type SourceRecord } from './records';
