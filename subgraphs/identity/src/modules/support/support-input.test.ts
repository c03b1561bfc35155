import { checkActor, checkEventCount, checkProof, checkUsername } from "./support-input";

/** The BAD_USER_INPUT message `check` throws (fails the test when it accepts). */
function refusal(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    expect((error as { extensions?: { code?: string } }).extensions?.code).toBe("BAD_USER_INPUT");
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("what identity takes from the support desk", () => {
  it("takes an agent id and a one-line reason, trimmed", () => {
    expect(checkActor(" agent-042 ", "  caller verified, ticket 7731 ")).toEqual({ agent: "agent-042", reason: "caller verified, ticket 7731" });
    expect(checkActor("j.doe@bank", "x")).toEqual({ agent: "j.doe@bank", reason: "x" });
  });

  it("refuses an agent or reason unfit for the user's events, without repeating it", () => {
    for (const agent of ["", "-lead", "agent 42", "a".repeat(65), "agent\u202e"]) {
      expect(refusal(() => checkActor(agent, "r"))).toMatch(/^agent is 1 to 64 letters/);
    }
    for (const reason of ["  ", "two\nlines", "x".repeat(501), "zero\u200bwidth", "line\u2028separator"]) {
      expect(refusal(() => checkActor("a", reason))).toBe("reason is 1 to 500 characters of one line.");
    }
    for (const reason of ["SSN 900100001 confirmed", "tax id 900-10-0001", "account 2100 0000 01", "AV-2000000102 paid"]) {
      const message = refusal(() => checkActor("a", reason));
      expect(message).toBe("reason must not hold a tax id or an account number: it is recorded in the user's events.");
    }
    expect(checkActor("a", "ticket 12345678 (8 digits)").reason).toContain("12345678");
  });

  it("takes a proof of the right form only: 4 digits, a question id and an answer", () => {
    expect(() => checkProof("0001", "Q2", "Dearborn")).not.toThrow();
    for (const last4 of ["001", "00011", "12a4", " 0001"]) expect(refusal(() => checkProof(last4, "Q2", "x"))).toBe("last4 is the last 4 digits of the SSN or Tax ID.");
    expect(refusal(() => checkProof("0001", "", "x"))).toBe("questionId is the id of a security question.");
    expect(refusal(() => checkProof("0001", "Q2", " "))).toBe("An answer is 1 to 1024 characters.");
    expect(refusal(() => checkProof("0001", "Q2", "x".repeat(1025)))).toBe("An answer is 1 to 1024 characters.");
  });

  it("bounds usernames and event counts", () => {
    expect(checkUsername("Dana.W")).toBe("Dana.W");
    expect(refusal(() => checkUsername(""))).toBe("A username is 1 to 256 characters.");
    expect(refusal(() => checkUsername("u".repeat(257)))).toBe("A username is 1 to 256 characters.");
    expect(checkEventCount(1)).toBe(1);
    expect(checkEventCount(100)).toBe(100);
    for (const first of [0, 101, 1.5]) expect(refusal(() => checkEventCount(first))).toBe("first must be 1 to 100.");
  });
});
