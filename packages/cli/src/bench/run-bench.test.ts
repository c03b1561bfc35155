import { runBench } from "./run-bench";

// A small run end to end against the real PostgreSQL and Redis: the benchmark keeps working,
// its answers are checked, and the Snapshot costs as many statements with 30 accounts as with 1;
// the junk burst's junk is refused (the run fails otherwise).
describe("runBench", () => {
  it("prints the seven comparisons with their ratios", async () => {
    const report = await runBench({ requests: 20, concurrency: 4, warmup: 4, rounds: 2 }, () => undefined);
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
    expect(report).toContain("(the same: no N+1)");
    expect(report).toMatch(/new connection per fetch \(baseline\)(\s+\S+){4}\s+3\.00\n/);
  });
});
