import { DEFAULT_RUN } from "./options";
import { runBench } from "./run-bench";

// A small run end to end against the real PostgreSQL and Redis: the benchmark keeps working,
// its answers are checked (a wrong one stops the run), the Snapshot costs as many statements
// with 30 accounts and 3 devices as with 1 and 1; the junk burst's junk is refused; the four
// gateways (the project's, the floor, Hive Gateway with either planner) serve the same Snapshot
// from production processes; logins are measured against argon2id alone.
describe("runBench", () => {
  it("prints the in-process comparisons, the gateways side by side and the logins against argon2id, with their ratios", async () => {
    const report = await runBench({ ...DEFAULT_RUN, requests: 20, concurrency: 4, warmup: 4, rounds: 2, connections: [4] }, () => undefined);
    const ratioRows = report.split("\n").filter((line) => line.trimStart().startsWith("ratio "));
    expect(ratioRows).toHaveLength(7);
    for (const row of ratioRows.slice(0, 5)) expect(row).toMatch(/\d+\.\d{2}\s+\d+\.\d{2}\s+\d+\.\d{2}\s+1\.00\s+-$/);
    // The sliding idle timeout against a store that never slides, and one that writes every request.
    expect(ratioRows[3]).toMatch(/^\s+ratio sliding idle timeout ÷ baseline/);
    expect(ratioRows[4]).toMatch(/^\s+ratio a write at most once a minute ÷ baseline/);
    // The catalog is read once and kept: no SQL per request, so no SQL ratio.
    expect(ratioRows[5]).toMatch(/^\s+ratio during the junk burst ÷ baseline\s+\d+\.\d{2}\s+\d+\.\d{2}\s+\d+\.\d{2}\s+n\/a\s+-$/);
    // Tracing and metrics on against both off, served by processes of their own (their SQL is not counted here).
    expect(ratioRows[6]).toMatch(/^\s+ratio tracing and metrics on ÷ baseline\s+\d+\.\d{2}\s+\d+\.\d{2}\s+\d+\.\d{2}\s+-\s+-$/);
    expect(report).toContain("30 vehicle accounts, 3 devices");
    expect(report).toContain("(the same: no N+1)");
    expect(report).toMatch(/new connection per fetch \(baseline\)(\s+\S+){4}\s+3\.00\n/);

    // One cell per user at 4 connections, each with the three peers' ratios (req/s, p50, p99, CPU); the goal lines after them.
    const peerRatios = report.split("\n").filter((line) => /^\s+Online Access ÷ [^:]*$/.test(line));
    expect(peerRatios).toHaveLength(6);
    for (const row of peerRatios) expect(row).toMatch(/\d+\.\d{2}\s+\d+\.\d{2}\s+\d+\.\d{2}\s+(\d+\.\d{2}|-)$/);
    expect(report).toMatch(/Online Access ÷ floor ≥ 0\.90: \d+\.\d{2} {2}\d+\.\d{2} \((met|NOT met in \d of 2)\)/);
    expect(report).toMatch(/Online Access ÷ Hive Gateway, Rust planner ≥ 1\.50: /);
    expect(report).toMatch(/ceiling: floor ÷ Hive Gateway, Rust planner: \d+\.\d{2} {2}\d+\.\d{2}\n/);

    expect(report).toMatch(/^\s+registered device ÷ bound\s+\d+\.\d{2}/m);
    expect(report).toMatch(/^\s+unregistered device ÷ bound\s+\d+\.\d{2}/m);
    expect(report).toMatch(/login ÷ argon2id bound ≥ 0\.90: \d+\.\d{2} {2}\d+\.\d{2}/);
    expect(report).toMatch(/CPU ms besides the hash: at most \d+\.\d{2} for the goal \(all processes\); the gateway and subgraphs alone spent -?\d+\.\d{2} {2}-?\d+\.\d{2}/);
  });
});
