/** "Who read my data": one read of a citizen's national-source record or wallet document. */
export interface DataAccessEntry {
  /** The source (`population`, `wallet`, ...) and the record's key; `case` for an officer opening the case. */
  source: string;
  key: string;
  /** prefill: a field of the e-form came from it; replacement: it replaced a component; lookup: read, unused; case-view: an officer opened the case holding it. */
  kind: 'prefill' | 'replacement' | 'lookup' | 'case-view';
  reader: { id: string; name?: string };
  unit?: { id: string; name?: string };
  /** The purpose: the case it was read for. */
  case: string;
  /** ISO instant. */
  at: string;
}
