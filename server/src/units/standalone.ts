/**
 * A reorganizer without a running server, for `motcua units reorganize`: the database
 * (migrated), the procedures the cases were filed under (the library, plus those published
 * through the API, as the server restores them) and the engine, and nothing else: no seed, no
 * timers, no HTTP. The plan goes through the same {@link UnitReorganizer} as the admin API.
 */
import { UnitDirectory, createRuntimeEngine, type CaseEngine } from '../cases';
import type { ServerConfig } from '../config';
import { openDatabase } from '../db';
import { loadServerLibrary } from '../library';
import { ProcedureRegistry } from '../procedures';
import { UnitReorganizer } from './reorganize';
import { reconcileAtStart } from '../procedures/store';

/** Runs `fn` with a reorganizer on the configured database and library, then closes the database. */
export async function withReorganizer<T>(config: ServerConfig, fn: (r: UnitReorganizer) => Promise<T>): Promise<T> {
  const library = await loadServerLibrary(config.library);
  const db = openDatabase(config.databaseUrl ?? { sqlite: config.sqliteFile });
  try {
    await db.migrate();
    const engine = createRuntimeEngine(library.calendars) as CaseEngine;
    const registry = new ProcedureRegistry(engine);
    registry.add(library.procedures);
    // The published versions win over the library files, as at a server's start.
    await reconcileAtStart(db, registry);
    return await fn(new UnitReorganizer({ db, engine, registry, units: new UnitDirectory(), now: () => new Date() }));
  } finally {
    await db.close();
  }
}
