/** The shapes the API answers with, as the web app reads them (server/src/cases/service.ts). */

export interface CaseEventView {
  type: string;
  at: string;
  actor?: { id?: string; name?: string; role?: string; kind?: string };
  step?: string;
  action?: string;
  from?: string[];
  to?: string[];
  form?: unknown;
  detail?: Record<string, unknown>;
}

export interface CaseView {
  id: string;
  procedure: { code: string; version: string; name?: string };
  unit: string;
  applicant: string;
  status: string;
  steps: string[];
  tasks: { step: string; role: string; level?: string }[];
  outcome?: string;
  due?: string;
  overdue: boolean;
  dueSoon?: boolean;
  fees?: unknown;
  components?: unknown;
  prefilled?: unknown;
  data?: unknown;
  version: number;
  submittedAt: string;
  updatedAt: string;
  timeline?: CaseEventView[];
}

/** A procedure as the server lists it. */
export interface ProcedureSummary {
  code: string;
  version: string;
  name: { vi: string; en?: string };
  sector: string;
  level: string;
}
