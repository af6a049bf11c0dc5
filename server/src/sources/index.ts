export { fetchRecords, upsertRecords, type SourceRecord } from './records';
