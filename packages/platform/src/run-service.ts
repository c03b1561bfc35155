/** Something that can be stopped cleanly. */
export interface Stoppable {
  close(): Promise<void>;
}

/** Registers a part as soon as it has started, so a signal during a slow start still closes it. */
export type TrackStarted = (service: Stoppable) => void;

/**
 * Runs a process's services until SIGINT or SIGTERM, then closes them in reverse order and
 * exits. A failure to start is printed in one line and exits with 1. Parts passed to `track`
 * while starting are closed too if a signal comes before `start` resolves.
 */
export async function runService(name: string, start: (track: TrackStarted) => Promise<Stoppable | Stoppable[]>): Promise<void> {
  const services: Stoppable[] = [];
  const track: TrackStarted = (service) => {
    if (!services.includes(service)) services.push(service);
  };
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${name}: ${signal}, stopping\n`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    for (const service of [...services].reverse()) {
      await service.close().catch((error: unknown) => process.stderr.write(`${name}: close failed: ${String(error)}\n`));
    }
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  try {
    const started = await start(track);
    for (const service of Array.isArray(started) ? started : [started]) track(service);
  } catch (error) {
    // A start cut short by a signal fails as its parts close: the stop already reports.
    if (stopping) return;
    process.stderr.write(`${name}: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
