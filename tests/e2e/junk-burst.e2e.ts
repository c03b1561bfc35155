// A cheap bound before the expensive work: while 40 clients send 90 KB invalid documents without
// pause, a trivial query still answers about as fast as when the gateway is idle. (Before the
// parse limits, each junk document cost the gateway up to ~150 ms and the trivial query waited
// 3-5 s behind them.)
import { junkDocuments, startJunkFlood } from "../../packages/cli/src/bench/junk-flood";
import { TestSystem } from "../support/system";

const PARALLEL = 40;
// The reported burst (90 KB), and documents small enough to be read and parsed up to the limits.
const JUNK = [...junkDocuments(90 * 1024), ...junkDocuments(30 * 1024)];
const TRIVIAL = JSON.stringify({ query: "{ __typename }" });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe("a trivial query while junk arrives", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system.stop());

  async function timeTrivial(): Promise<number> {
    const started = performance.now();
    const response = await fetch(system.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: TRIVIAL });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    return performance.now() - started;
  }

  it("answers within 10x its idle time (+200 ms) while 40 clients send 30-90 KB junk documents", async () => {
    for (let i = 0; i < 20; i++) await timeTrivial();
    const idle: number[] = [];
    for (let i = 0; i < 15; i++) idle.push(await timeTrivial());

    const flood = await startJunkFlood(system.gatewayUrl, PARALLEL, JUNK);
    const busy: number[] = [];
    let junk: Awaited<ReturnType<typeof flood.stop>>;
    try {
      for (let i = 0; i < 10; i++) busy.push(await timeTrivial());
    } finally {
      junk = await flood.stop();
    }
    const idleMs = median(idle);
    const busyMs = median(busy);
    process.stderr.write(`junk-burst.e2e: trivial query idle ${idleMs.toFixed(1)} ms, under junk ${busyMs.toFixed(1)} ms (${(busyMs / idleMs).toFixed(1)}x)\n`);
    expect(busyMs).toBeLessThan(10 * idleMs + 200);
    // Every junk document was refused as the client's mistake: too large to read (413), or to parse (400).
    expect(Object.keys(junk.statuses).sort()).toEqual(["400", "413"]);
    expect(junk.answered).toBeGreaterThanOrEqual(PARALLEL);
  });
});
