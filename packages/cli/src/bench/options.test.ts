import { BenchUsageError, DEFAULT_RUN, parseBenchArgs, parseDuration } from "./options";

describe("parseBenchArgs", () => {
  it("keeps the defaults without flags: every section, 16 and 64 connections, no soak, no profiles", () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_RUN);
    expect(DEFAULT_RUN).toMatchObject({ connections: [16, 64], sections: ["comparisons", "peers", "login"], soakMs: null, cpuProfDir: null });
  });

  it("reads each flag", () => {
    expect(
      parseBenchArgs([
        "--requests",
        "500",
        "--concurrency",
        "5",
        "--warmup",
        "0",
        "--rounds",
        "2",
        "--connections",
        "8, 32",
        "--only",
        "login,peers",
        "--soak",
        "10m",
        "--cpu-prof",
        "/tmp/p",
      ]),
    ).toEqual({ requests: 500, concurrency: 5, warmup: 0, rounds: 2, connections: [8, 32], sections: ["peers", "login"], soakMs: 600_000, cpuProfDir: "/tmp/p" });
  });

  it("answers null for help", () => {
    expect(parseBenchArgs(["--help"])).toBeNull();
  });

  it.each([
    [["--requests", "0"]],
    [["--concurrency", "2.5"]],
    [["--rounds", "many"]],
    [["--connections", "16,x"]],
    [["--only", "everything"]],
    [["--soak", "forever"]],
    [["--soak", "0s"]],
    [["--fast"]],
    [["extra"]],
  ])("refuses %j", (args) => {
    expect(() => parseBenchArgs(args)).toThrow(BenchUsageError);
  });
});

describe("parseDuration", () => {
  it("takes minutes, seconds, or plain seconds", () => {
    expect(parseDuration("soak", "10m")).toBe(600_000);
    expect(parseDuration("soak", "90s")).toBe(90_000);
    expect(parseDuration("soak", "1.5m")).toBe(90_000);
    expect(parseDuration("soak", "30")).toBe(30_000);
  });
});
