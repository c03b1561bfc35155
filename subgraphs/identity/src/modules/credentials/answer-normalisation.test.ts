import { normaliseAnswer } from "./answer-normalisation";

describe("normaliseAnswer", () => {
  it("ignores case and surrounding and repeated spaces", () => {
    expect(normaliseAnswer("  New   York ")).toBe("new york");
    expect(normaliseAnswer("NEW YORK")).toBe(normaliseAnswer("new york"));
    expect(normaliseAnswer("new\t york")).toBe("new york");
  });

  it("keeps the words themselves", () => {
    expect(normaliseAnswer("New York")).not.toBe(normaliseAnswer("NewYork"));
    expect(normaliseAnswer("Rex")).toBe("rex");
  });

  it("treats compatible Unicode forms alike", () => {
    expect(normaliseAnswer("Ｒｅｘ")).toBe("rex");
    expect(normaliseAnswer("Cafe\u0301")).toBe(normaliseAnswer("Café"));
  });

  it("leaves nothing of an answer made of spaces", () => {
    expect(normaliseAnswer("   ")).toBe("");
  });
});
