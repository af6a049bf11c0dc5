/**
 * Assembles the server: database (migrated), signing key, procedure registry (a broken
 * procedure is reported and skipped, never fatal), seed, services, Koa app, timer poller.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CalendarSpec, OrgUnit, RoleEntry, SourceEntry } from 'motcua/engine';
import { loadOrCreateAnchorKey, openSink, startAuditAnchor, type AuditAnchor, type Checkpoint } from './audit';
import { createAuthenticator, loadOrCreateSigningKey } from './auth';
import { CaseService, createRuntimeEngine, UnitDirectory, type CaseEngine } from './cases';
import type { ServerConfig } from './config';
import { openDatabase, type Database } from './db';
import { startOutboxConsumer, type DrainReport } from './documents';
import { startNotifier, type NotifyReport } from './notifications';
import { createApp, withHotRoutes, type AppServices, type RequestHandler } from './http';
import { refundOnRejection } from './payments';
import { ProcedureRegistry, ProcedureSync, reconcileAtStart, type ProcedureSource, type RegisteredProcedure, type StartConflict } from './procedures';
import { PublishingService } from './publishing';
import { checkProduction, seed, type DemoSeed, type ProductionCheck } from './seed';
import { TEST_UNITS, TestClock } from './test-clock';
import { startTimerPoller } from './timers';
import { UnitReorganizer, unitsInForce } from './units';
import { UploadStore } from './uploads';

/** What the server needs from the procedures library (the loader builds it from a folder). */
export interface ServerLibrary {
  procedures: ProcedureSource[];
  calendars: ReadonlyMap<string, CalendarSpec>;
  units: readonly OrgUnit[];
  roles: readonly RoleEntry[];
  /** The national sources catalogue (the validator checks prefill and replacements against it). */
  sources?: ReadonlyMap<string, SourceEntry>;
}

export interface CreateServerOptions {
  config: ServerConfig;
  library: ServerLibrary;
  /** Default: the engine's runtime. */
  engine?: CaseEngine;
  /** Default: opened from the configuration. */
  database?: Database;
  log?: (line: string) => void;
  now?: () => Date;
  /** Start the timer poller (default true). */
  timers?: boolean;
  /** Start the outbox consumer that issues result documents (default true). */
  outbox?: boolean;
  /** Start the notifier that plans and delivers notifications (default true). */
  notifications?: boolean;
}

export interface MotcuaServer {
  services: AppServices;
  seeded: DemoSeed;
  /** Production only: the demo users removed at this start (`removeDemoUsers`). */
  production: ProductionCheck | undefined;
  broken: RegisteredProcedure[];
  /** Library files that differ from their published (code, version): the stored version runs. */
  conflicts: readonly StartConflict[];
  /**
   * Handles requests (for node's http server or tests): the two hot routes directly, the rest
   * through Koa; `{ lean: false }` sends everything through Koa (`http/hot-routes.ts`).
   */
  callback: (options?: { lean?: boolean }) => RequestHandler;
  /** Listens on `port` (0: any free port) and resolves with the base URL. */
  listen: (port?: number, host?: string) => Promise<string>;
  /** Fires due timers now (tests, the CLI). */
  tickTimers: () => Promise<number>;
  /** Carries out every pending outbox effect now, e.g. issues result documents (tests; the consumer also runs every MOTCUA_OUTBOX_INTERVAL_MS). */
  drainOutbox: () => Promise<DrainReport>;
  /** Writes an audit checkpoint now if the chain's head moved (also every MOTCUA_AUDIT_CHECKPOINT_INTERVAL_MS). */
  checkpointAudit: () => Promise<Checkpoint | undefined>;
  /** Plans notifications from the timeline and delivers what is due now (tests; the notifier also runs every MOTCUA_NOTIFY_INTERVAL_MS). */
  drainNotifications: () => Promise<NotifyReport>;
  close: () => Promise<void>;
}

/** Koa's callback as node's handler (its promise settles inside Koa, which answers every error). */
function koaHandler(app: ReturnType<typeof createApp>): RequestHandler {
  const handle = app.callback();
  return (req, res) => void handle(req, res);
}

export async function createServer(o: CreateServerOptions): Promise<MotcuaServer> {
  const { config } = o;
  const log = o.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  // Test-clock mode: time is what the tests set, starting at the real (or given) time.
  const calendars = new Map(o.library.calendars);
  const testClock = config.testClock ? new TestClock((o.now?.() ?? new Date()).getTime(), calendars) : undefined;
  const now = testClock ? () => new Date(testClock.now) : (o.now ?? (() => new Date()));
  const db = o.database ?? openDatabase(config.databaseUrl ?? { sqlite: config.sqliteFile });
  await db.migrate();
  const engine = (o.engine ?? createRuntimeEngine(calendars, testClock ? { calendarOverride: () => testClock.calendar } : {})) as CaseEngine;
  const registry = new ProcedureRegistry(engine);
  const { broken } = registry.add(o.library.procedures);
  const { conflicts, epoch } = await reconcileAtStart(db, registry);
  for (const c of conflicts) {
    log(`motcua: ${c.file} differs from the published ${c.code}@${c.version}; the published version runs (a published version never changes: give the file a new version)`);
  }
  const sync = new ProcedureSync(db, registry, epoch);
  const seeded = await seed(db.knex, { units: [...o.library.units, ...(testClock ? TEST_UNITS : [])], roles: o.library.roles, libraryDir: config.library, demo: config.demo });
  // Production refuses (or, when told to, removes) the demo users a database kept from demo mode.
  let production: ProductionCheck | undefined;
  try {
    if (!config.demo) production = await checkProduction(db, { units: o.library.units, roles: o.library.roles, removeDemoUsers: config.removeDemoUsers, now: () => now().getTime() });
  } catch (err) {
    if (!o.database) await db.close();
    throw err;
  }
  const key = await loadOrCreateSigningKey(db);
  // The checkpoint key is read from a file, never from the database: see audit/checkpoint.ts.
  const anchorConfig = config.auditAnchor;
  const anchor: AuditAnchor | undefined =
    anchorConfig.target === 'off'
      ? undefined
      : startAuditAnchor({ knex: db.knex, key: loadOrCreateAnchorKey(anchorConfig.keyFile), sink: openSink(anchorConfig.target), intervalMs: anchorConfig.intervalMs, now: () => now().getTime(), log });
  await anchor?.checkpoint();
  const auth = createAuthenticator(db, config, key);
  const uploads = new UploadStore(db, join(config.dataDir, 'uploads'), config.uploads);
  const units = new UnitDirectory();
  const cases = new CaseService({ db, engine, registry, uploads, now, units, onClosed: [refundOnRejection], sourceName: (id) => o.library.sources?.get(id)?.name });
  const publishing = new PublishingService({
    db,
    engine,
    registry,
    sync,
    now,
    conflicts,
    demo: config.demo,
    libraryDir: config.library,
    unitsInForce: (sql) => unitsInForce(db, now().toISOString().slice(0, 10), sql),
    catalogues: { roles: new Map(o.library.roles.map((r) => [r.id, r])), sources: o.library.sources ?? new Map(), calendars: o.library.calendars },
  });
  const reorganizer = new UnitReorganizer({ db, engine, registry, units, now });
  const services: AppServices = { db, config, auth, registry, cases, reorganizer, uploads, log, now, publishing, sync, ...(testClock ? { testClock } : {}) };
  const app = createApp(services, key.publicJwk);
  const poller = startTimerPoller({ db, engine, registry, units, intervalMs: config.timerIntervalMs, now: () => now().getTime(), log });
  // With a test clock, alarms fire when a test moves the clock (PUT /api/test/clock), never on their own.
  if (o.timers === false || testClock) await poller.stop();
  if (testClock) testClock.fireTimers = () => poller.tick();
  const outbox = startOutboxConsumer({ db, key, intervalMs: config.outboxIntervalMs, now: () => now().getTime(), log, procedureName: (code, version) => registry.find(code, version)?.procedure.name.vi });
  if (o.outbox === false) await outbox.stop();
  const notifier = startNotifier({ db, config: config.notifications, now: () => now().getTime(), log, procedureName: (code, version) => registry.find(code, version)?.procedure.name.vi });
  if (o.notifications === false) await notifier.stop();
  let http: Server | undefined;
  return {
    services,
    seeded,
    production,
    broken: broken.filter((b) => registry.find(b.procedure.code, b.procedure.version) === b),
    conflicts,
    callback: (options) => withHotRoutes(services, koaHandler(app), options),
    listen(port = config.port, host = config.host) {
      http = createHttpServer(withHotRoutes(services, koaHandler(app)));
      // Slow clients must not hold sockets forever; uploads of a few MB fit comfortably.
      http.requestTimeout = 60_000;
      return new Promise((resolve, reject) => {
        http!.once('error', reject);
        http!.listen(port, host, () => {
          const addr = http!.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${addr.port}`);
        });
      });
    },
    tickTimers: () => poller.tick(),
    drainOutbox: () => outbox.drain(),
    checkpointAudit: () => anchor?.checkpoint() ?? Promise.resolve(undefined),
    drainNotifications: () => notifier.drain(),
    async close() {
      await poller.stop();
      await outbox.stop();
      await notifier.stop();
      if (http) {
        http.closeAllConnections();
        await new Promise<void>((resolve) => http!.close(() => resolve()));
      }
      await anchor?.stop();
      if (!o.database) await db.close();
    },
  };
}
