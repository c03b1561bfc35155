import { BenchUsageError, DEFAULT_PLAN, parseBenchArgs } from "./options";

describe("parseBenchArgs", () => {
  it("keeps the defaults without flags", () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_PLAN);
  });

  it("reads each flag", () => {
    expect(parseBenchArgs(["--requests", "500", "--concurrency", "5", "--warmup", "0", "--rounds", "2"])).toEqual({ requests: 500, concurrency: 5, warmup: 0, rounds: 2 });
  });

  it("answers null for help", () => {
    expect(parseBenchArgs(["--help"])).toBeNull();
  });

  it.each([[["--requests", "0"]], [["--concurrency", "2.5"]], [["--rounds", "many"]], [["--fast"]], [["extra"]]])("refuses %j", (args) => {
    expect(() => parseBenchArgs(args)).toThrow(BenchUsageError);
  });
});
