import { formatSoakReport, type MemorySample, type SoakResult, slopeMiBPerMinute } from "./soak";

const MIB = 1024 * 1024;

/** A sample every 5 s for `minutes`, resident memory from `startMiB` moving by `mibPerMinute`. */
function samples(minutes: number, startMiB: number, mibPerMinute: number): MemorySample[] {
  return Array.from({ length: (minutes * 60) / 5 + 1 }, (_, i) => ({ atMs: i * 5_000, rssBytes: (startMiB + (mibPerMinute * i * 5) / 60) * MIB }));
}

describe("slopeMiBPerMinute", () => {
  it("is the least-squares slope in MiB per minute", () => {
    expect(slopeMiBPerMinute(samples(5, 100, 1))).toBeCloseTo(1, 6);
    expect(slopeMiBPerMinute(samples(5, 100, -2.5))).toBeCloseTo(-2.5, 6);
    expect(slopeMiBPerMinute(samples(5, 100, 0))).toBe(0);
  });

  it("sees through noise around a flat line", () => {
    const noisy = samples(5, 100, 0).map((sample, i) => ({ ...sample, rssBytes: sample.rssBytes + (i % 2 === 0 ? 3 : -3) * MIB }));
    expect(Math.abs(slopeMiBPerMinute(noisy))).toBeLessThan(0.1);
  });

  it("is 0 for fewer than two samples", () => {
    expect(slopeMiBPerMinute([])).toBe(0);
    expect(slopeMiBPerMinute([{ atMs: 0, rssBytes: MIB }])).toBe(0);
  });
});

describe("formatSoakReport", () => {
  const result = (gatewaySlope: number): SoakResult => ({
    durationMs: 120_000,
    connections: 16,
    users: [{ username: "a", accessToken: "t", vehicleAccounts: 1, devices: 1 }],
    requests: 24_000,
    services: [
      { name: "identity", samples: samples(2, 100, 0), slopeMiBPerMinute: 0.25 },
      { name: "gateway", samples: samples(2, 200, gatewaySlope), slopeMiBPerMinute: gatewaySlope },
    ],
  });

  it("prints each service's memory, its slope and the minute marks, and says the goal is met", () => {
    const report = formatSoakReport(result(-0.5));
    expect(report).toContain("2.0 min at 16 connections (users with 1 vehicle accounts), 24,000 requests, 200.0 req/s");
    expect(report).toMatch(/^\s+identity\s+100\.0\s+100\.0\s+100\.0\s+0\.25$/m);
    expect(report).toMatch(/^\s+gateway\s+200\.0\s+199\.0\s+200\.0\s+-0\.50$/m);
    expect(report).toMatch(/^\s+gateway\s+200\.0 199\.5 199\.0$/m);
    expect(report).toMatch(/every service: met$/);
  });

  it("names each service outside the band", () => {
    expect(formatSoakReport(result(1.5))).toMatch(/every service: NOT met \(gateway 1\.50\)$/);
  });
});
