/** "Who read my data": one read of a citizen's national-source record or wallet document. */
export interface DataAccessEntry {
  /** The source (`population`, `wallet`, ...) and the record's key; `case` for an officer opening the case. */
  source: string;
  key: string;
  /** prefill: a field of the e-form came from it; replacement: it replaced a component; lookup: read, unused; case-view: an officer opened the case holding it. */
  kind: 'prefill' | 'replacement' | 'lookup' | 'case-view';
  reader: { id: string; name?: string };
  unit?: { id: string; name?: string };
  /** The purpose: the case it was read for; absent for a read before filing (`procedure` says for which e-form). */
  case?: string;
  /** For a read before filing (kind `prefill`): the code of the procedure whose e-form it filled. */
  procedure?: string;
  /** ISO instant. */
  at: string;
}
