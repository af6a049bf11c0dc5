/** What every route handler can reach: the services, and the caller once authenticated. */
import type { ParameterizedContext } from 'koa';
import type { Authenticator, Principal } from '../auth';
import type { CaseService } from '../cases';
import type { ServerConfig } from '../config';
import type { Database } from '../db';
import type { ProcedureRegistry, ProcedureSync } from '../procedures';
import type { PublishingService } from '../publishing';
import type { TestClock } from '../test-clock';
import type { UnitReorganizer } from '../units';
import type { UploadStore } from '../uploads';
import type { Logger } from './errors';
import type { IdempotencyClaim } from './idempotency';

export interface AppServices {
  db: Database;
  config: ServerConfig;
  auth: Authenticator;
  registry: ProcedureRegistry;
  cases: CaseService;
  /** Reorganizations of units (plans: dry run and apply). */
  reorganizer: UnitReorganizer;
  uploads: UploadStore;
  log: Logger;
  now: () => Date;
  publishing: PublishingService;
  /** Keeps this process's registry in step with what other processes publish or retire. */
  sync: ProcedureSync<unknown>;
  /** Only on a server started with `--test-clock`: the clock and calendar tests set (`/api/test/...`). */
  testClock?: TestClock;
}

export interface AppState {
  principal?: Principal;
  /** Set for a POST with an Idempotency-Key: record the answer in the request's transaction. */
  idempotency?: IdempotencyClaim;
}

export type AppContext = ParameterizedContext<AppState>;
