/**
 * One home for the server's background loops (timers, outbox, notifications): a pass that runs
 * every `intervalMs`, never overlaps itself, and can be forced and awaited.
 */

/** A running background loop. */
export interface PeriodicPass<R> {
  /**
   * Runs a full pass that starts after any pass under way, so that whatever was committed
   * before the call has been handled when the promise resolves.
   */
  run: () => Promise<R>;
  /** Stops the interval and waits for the pass under way, if any. */
  stop: () => Promise<void>;
}

/** Options of {@link startPeriodic}. */
export interface PeriodicOptions {
  intervalMs: number;
  /** Prefix of the log line written when a scheduled pass fails (e.g. `timers`). */
  label: string;
  log?: ((line: string) => void) | undefined;
}

/**
 * Starts calling `pass` every `intervalMs`. A scheduled beat is skipped while a pass runs; a
 * failed scheduled pass is logged and the loop goes on (the next beat retries).
 */
export function startPeriodic<R>(pass: () => Promise<R>, o: PeriodicOptions): PeriodicPass<R> {
  let running: Promise<R> | undefined;
  let stopped = false;
  const run = (): Promise<R> => {
    const next: Promise<R> = (running ?? Promise.resolve())
      .catch(() => undefined)
      .then(pass)
      .finally(() => {
        if (running === next) running = undefined;
      });
    running = next;
    return next;
  };
  const handle = setInterval(() => {
    if (stopped || running) return;
    run().catch((err: unknown) => o.log?.(`${o.label}: ${err instanceof Error ? err.message : String(err)}`));
  }, o.intervalMs);
  handle.unref();
  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(handle);
      await running?.catch(() => undefined);
    },
  };
}
