/** Something that can be stopped cleanly. */
export interface Stoppable {
  close(): Promise<void>;
}

/** Registers a part as soon as it has started, so a signal during a slow start still closes it. */
export type TrackStarted = (service: Stoppable) => void;

// A stop that cannot finish (a part that never closes) still ends the process, with 1.
const FORCED_EXIT_MS = 10_000;

/**
 * Runs a process's services until SIGINT or SIGTERM, then closes them in reverse order and
 * exits with 0. A failure to start is printed in one line and exits with 1.
 *
 * A signal during the start aborts `stopping`: the start should give up at its next step (e.g.
 * `stopping.throwIfAborted()`), and must print nothing more. The stop waits for the start to
 * settle, so that nothing is still starting while the parts close, then closes every part passed
 * to `track` and every part the start returned. Parts may be asked to close more than once.
 */
export async function runService(name: string, start: (track: TrackStarted, stopping: AbortSignal) => Promise<Stoppable | Stoppable[]>): Promise<void> {
  const services: Stoppable[] = [];
  const track: TrackStarted = (service) => {
    if (!services.includes(service)) services.push(service);
  };
  const stopRequest = new AbortController();
  let starting: Promise<void> = Promise.resolve();

  const stop = async (signal: string) => {
    if (stopRequest.signal.aborted) return;
    process.stderr.write(`${name}: ${signal}, stopping\n`);
    const timer = setTimeout(() => process.exit(1), FORCED_EXIT_MS);
    timer.unref();
    stopRequest.abort(new Error(`${signal} during the start`));
    await starting.catch(() => undefined);
    for (const service of [...services].reverse()) {
      await service.close().catch((error: unknown) => process.stderr.write(`${name}: close failed: ${String(error)}\n`));
    }
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  starting = (async () => {
    const started = await start(track, stopRequest.signal);
    for (const service of Array.isArray(started) ? started : [started]) track(service);
  })();
  try {
    await starting;
  } catch (error) {
    // A start cut short by a signal: the stop reports, closes and exits.
    if (stopRequest.signal.aborted) return;
    process.stderr.write(`${name}: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
