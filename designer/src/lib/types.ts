/** The shapes the API answers with, as the web app reads them: the wire contract (contract/src). */

import type { CaseEvent } from 'motcua/engine';

export type { CaseView, ConsentView, WorkItem, WorklistPage, DocumentView, VerifiedDocument, ErrorBody } from 'motcua/contract';

/** One timeline entry, as the engine records it. */
export type CaseEventView = CaseEvent;

/** A procedure as the server lists it. */
export interface ProcedureSummary {
  code: string;
  version: string;
  name: { vi: string; en?: string };
  sector: string;
  level: string;
}
