/** The shapes the API answers with, as the web app reads them (server/src/cases/service.ts). */

import type { CaseEvent } from '../../../engine/src/runtime/types';
import type { CaseView as ServerCaseView } from '../../../server/src/cases/case-view';

/** One timeline entry, as the engine records it. */
export type CaseEventView = CaseEvent;

/** What `GET /api/cases/:id` answers (the server's own type; type-only, nothing is bundled). */
export type CaseView = ServerCaseView;

/** A procedure as the server lists it. */
export interface ProcedureSummary {
  code: string;
  version: string;
  name: { vi: string; en?: string };
  sector: string;
  level: string;
}
