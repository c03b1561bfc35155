import { pickRandom } from "./challenge-opening";

describe("pickRandom", () => {
  it("picks the asked number of different items", () => {
    for (let i = 0; i < 200; i++) {
      const picked = pickRandom(["Q1", "Q2", "Q3"], 2);
      expect(picked).toHaveLength(2);
      expect(new Set(picked).size).toBe(2);
      for (const item of picked) expect(["Q1", "Q2", "Q3"]).toContain(item);
    }
  });

  it("gives every pair of three questions about a third of the time", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3_000; i++) {
      const pair = pickRandom(["Q1", "Q2", "Q3"], 2).sort().join("+");
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["Q1+Q2", "Q1+Q3", "Q2+Q3"]);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1_200);
    }
  });

  it("never picks more than there are, and leaves its input alone", () => {
    const items = ["Q1"];
    expect(pickRandom(items, 2)).toEqual(["Q1"]);
    expect(items).toEqual(["Q1"]);
  });
});
