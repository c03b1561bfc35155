/** Something that can be stopped cleanly. */
export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Runs a process's services until SIGINT or SIGTERM, then closes them in reverse order and
 * exits. A failure to start is printed in one line and exits with 1.
 */
export async function runService(name: string, start: () => Promise<Stoppable | Stoppable[]>): Promise<void> {
  let services: Stoppable[] = [];
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
    const started = await start();
    services = Array.isArray(started) ? started : [started];
  } catch (error) {
    process.stderr.write(`${name}: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
