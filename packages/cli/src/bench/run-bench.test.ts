import { runBench } from "./run-bench";

// A small run end to end against the real PostgreSQL and Redis: the benchmark keeps working,
// its answers are checked, and the Snapshot costs as many statements with 30 accounts as with 1.
describe("runBench", () => {
  it("prints the three comparisons with their ratios", async () => {
    const report = await runBench({ requests: 20, concurrency: 4, warmup: 4, rounds: 2 }, () => undefined);
    const ratioRows = report.split("\n").filter((line) => line.trimStart().startsWith("ratio "));
    expect(ratioRows).toHaveLength(3);
    for (const row of ratioRows) expect(row).toMatch(/\d+\.\d{2}\s+\d+\.\d{2}\s+\d+\.\d{2}\s+1\.00\s+-$/);
    expect(report).toContain("(the same: no N+1)");
    expect(report).toMatch(/new connection per fetch \(baseline\)(\s+\S+){4}\s+3\.00\n/);
  });
});
