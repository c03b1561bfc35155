import type { Comparison } from "./compare";
import { formatRatio, formatReport } from "./report";
import type { VariantStats } from "./stats";

const workload = { url: "http://127.0.0.1:1/graphql", body: "{}", headers: () => ({}), check: () => undefined };

function stats(requestsPerSecond: number, p50Ms: number, statementsPerRequest: number, connectionsPerRequest = 0): VariantStats {
  return { requests: 100, requestsPerSecond, p50Ms, p95Ms: p50Ms * 2, p99Ms: p50Ms * 3, statementsPerRequest, connectionsPerRequest };
}

describe("formatReport", () => {
  it("prints both variants, the ratio row with 2 decimals and the reading", () => {
    const comparison: Comparison = {
      title: "pool vs fresh",
      subject: { label: "pool", workload },
      baseline: { label: "fresh", workload },
      summary: () => "the pool wins",
    };
    const report = formatReport([{ comparison, subject: stats(300, 10, 4), baseline: stats(200, 16, 4, 3) }]);
    const lines = report.split("\n");
    expect(lines[1]).toBe("1. pool vs fresh");
    expect(lines[2]).toMatch(/^ {3}pool\s+300\.0\s+10\.00\s+20\.00\s+4\.00\s+0\.00$/);
    expect(lines[3]).toMatch(/^ {3}fresh \(baseline\)\s+200\.0\s+16\.00\s+32\.00\s+4\.00\s+3\.00$/);
    expect(lines[4]).toMatch(/^ {3}ratio pool ÷ baseline\s+1\.50\s+0\.63\s+0\.63\s+1\.00\s+-$/);
    expect(report.endsWith("1. the pool wins")).toBe(true);
  });
});

describe("formatRatio", () => {
  it("says n/a when there is nothing to divide by", () => {
    expect(formatRatio(null)).toBe("n/a");
    expect(formatRatio(1.005)).toBe("1.00");
  });
});
