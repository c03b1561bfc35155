import { parseSupportArguments, UsageError } from "./support-arguments";

const UNLOCK = ["unlock", "dana.w", "--agent", "agent-7", "--reason", "caller locked out", "--last4", "0001", "--answer", "Q2=New = York"];

/** The usage error's message for these arguments (fails the test when they parse). */
function usageError(args: string[]): string {
  try {
    parseSupportArguments(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error("the arguments were accepted");
}

describe("the support command's arguments", () => {
  it("reads each command exactly as the contract writes it", () => {
    expect(parseSupportArguments(UNLOCK)).toEqual({
      name: "unlock",
      username: "dana.w",
      agent: "agent-7",
      reason: "caller locked out",
      last4: "0001",
      questionId: "Q2",
      answer: "New = York",
    });
    expect(parseSupportArguments(["end-sessions", "dana.w", "--agent", "agent-7", "--reason", "lost phone"])).toEqual({
      name: "end-sessions",
      username: "dana.w",
      agent: "agent-7",
      reason: "lost phone",
    });
    expect(parseSupportArguments(["events", "dana.w"])).toEqual({ name: "events", username: "dana.w", limit: 20 });
    expect(parseSupportArguments(["events", "dana.w", "--limit", "100"])).toEqual({ name: "events", username: "dana.w", limit: 100 });
    expect(parseSupportArguments(["events", "--limit=1", "dana.w"])).toMatchObject({ limit: 1 });
    expect(parseSupportArguments(["--help"])).toEqual({ name: "help" });
    expect(parseSupportArguments(["unlock", "-h"])).toEqual({ name: "help" });
  });

  it("refuses what the command does not take, naming the rule", () => {
    expect(usageError([])).toBe("name a command: unlock, end-sessions or events");
    expect(usageError(["lock", "dana.w"])).toBe("unknown command: the commands are unlock, end-sessions and events");
    expect(usageError(["events"])).toBe("events needs a USERNAME");
    expect(usageError(["end-sessions", "dana.w", "--agent", "a"])).toBe("end-sessions needs --reason");
    expect(usageError(["end-sessions", "dana.w", "--agent", "a", "--reason", "lost", "phone"])).toMatch(/takes one USERNAME/);
    expect(usageError(["events", "dana.w", "--agent", "a"])).toBe("events takes no --agent");
    expect(usageError(["end-sessions", "dana.w", "--agent", "a", "--reason", "r", "--last4", "0001"])).toBe("end-sessions takes no --last4");
    expect(usageError(["events", "dana.w", "--limit", "2", "--limit", "3"])).toBe("--limit is given more than once");
    for (const limit of ["0", "101", "1.5", "-1", "ten", ""]) expect(usageError(["events", "dana.w", `--limit=${limit}`])).toBe("--limit is a whole number from 1 to 100");
    expect(usageError(["events", "dana.w", "--verbose"])).toMatch(/^Unknown option '--verbose'/);
    expect(usageError(["end-sessions", "dana.w", "--agent", " ", "--reason", "r"])).toBe("--agent is the support agent's id");
  });

  it("refuses a malformed proof without echoing any part of it", () => {
    const withOption = (name: string, value: string) => UNLOCK.map((arg, i) => (UNLOCK[i - 1] === `--${name}` ? value : arg));
    for (const last4 of ["123", "12345", "12a4", "900-10-0001"]) {
      const message = usageError(withOption("last4", last4));
      expect(message).toBe("--last4 is the last 4 digits of the caller's SSN or Tax ID");
      expect(message).not.toContain(last4);
    }
    for (const answer of ["Biscuit", "=Biscuit", "Q1=", "Q1=  "]) {
      const message = usageError(withOption("answer", answer));
      expect(message).toBe("--answer is QUESTION_ID=TEXT: the question's id, then the caller's answer");
    }
    expect(usageError(UNLOCK.filter((arg, i) => arg !== "--answer" && UNLOCK[i - 1] !== "--answer"))).toBe("unlock needs --answer");
    expect(usageError([...UNLOCK, "--last4", "0002"])).toBe("--last4 is given more than once");
  });
});
