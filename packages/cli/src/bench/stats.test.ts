import { batchSizes } from "./compare";
import { percentile, ratio, summarise } from "./stats";

describe("percentile", () => {
  it("takes the nearest rank of unsorted values", () => {
    const values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
  });

  it("is NaN with no values", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("ratio", () => {
  it("divides subject by baseline", () => {
    expect(ratio(3, 2)).toBe(1.5);
  });

  it("is null when the baseline is zero or a value is not a number", () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(Number.NaN, 2)).toBeNull();
  });
});

describe("summarise", () => {
  it("gives requests/s over the batches' wall time and counts per request", () => {
    const stats = summarise({ latenciesMs: [10, 20, 30, 40], elapsedMs: 2000, statements: 16, subgraphConnections: 12 });
    expect(stats).toEqual({ requests: 4, requestsPerSecond: 2, p50Ms: 20, p95Ms: 40, p99Ms: 40, statementsPerRequest: 4, connectionsPerRequest: 3 });
  });
});

describe("batchSizes", () => {
  it("splits a total as evenly as whole numbers allow", () => {
    expect(batchSizes(10, 4)).toEqual([3, 3, 2, 2]);
    expect(batchSizes(2000, 4)).toEqual([500, 500, 500, 500]);
  });

  it("drops empty batches", () => {
    expect(batchSizes(2, 4)).toEqual([1, 1]);
  });
});
