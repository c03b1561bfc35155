// Imported first by start.ts. Loading the services' modules takes a moment, and a signal then
// would kill the process at once (exit 143) if nothing listened for it. With this listener the
// signal waits until the modules have loaded (they load synchronously); by then runService
// listens too and receives it, so the stop is as clean as at any other time.
const holdSignal = () => undefined;
process.on("SIGINT", holdSignal);
process.on("SIGTERM", holdSignal);

/** Call once runService has added its own listeners (dropping the last listener would drop a waiting signal). */
export function releaseEarlyStop(): void {
  process.off("SIGINT", holdSignal);
  process.off("SIGTERM", holdSignal);
}
