import { codeOffersOnFile, pickRandom } from "./challenge-opening";
import { StepUpMethod } from "./step-up-method";

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

describe("codeOffersOnFile", () => {
  it("offers a code for each contact on file, masked, and nothing without one", () => {
    expect(codeOffersOnFile({ mobilePhone: "+13135550101", email: "dana.whitfield@example.com" })).toEqual([
      { method: StepUpMethod.SMS_CODE, destination: "***-***-0101" },
      { method: StepUpMethod.EMAIL_CODE, destination: "d***@example.com" },
    ]);
    expect(codeOffersOnFile({ mobilePhone: null, email: "olga@example.com" })).toEqual([{ method: StepUpMethod.EMAIL_CODE, destination: "o***@example.com" }]);
    expect(codeOffersOnFile({ mobilePhone: null, email: null })).toEqual([]);
    expect(codeOffersOnFile(null)).toEqual([]);
  });
});
