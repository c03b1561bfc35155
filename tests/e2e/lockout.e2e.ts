// Login failures and the temporary lock, through the gateway, with small settings.
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { TestSystem } from "../support/system";

const MAX = 5;

describe("login lockout", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: MAX, lockoutSeconds: 3, supportPhone: "1-800-555-0100" }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(() => system.stop());

  const login = async (username: string, password: string) => (await system.run("Login", { input: { username, password } })).body.data!.login;
  const shape = (answer: { __typename: string; code?: string; retryAfterSeconds?: number | null; message?: string }) => [
    answer.__typename,
    answer.code,
    answer.retryAfterSeconds == null ? null : "retryAfter",
    answer.message,
  ];

  it("answers a known and an unknown username with the same sequence, locking both alike", async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < MAX + 2; i++) {
      known.push(shape(await login("dana.w", `wrong-password-${i}!`)));
      unknown.push(shape(await login("nobody.here", `wrong-password-${i}!`)));
    }
    expect(unknown).toEqual(known);
    expect(known.map((s) => (s as unknown[])[1])).toEqual([...Array(MAX).fill("INVALID_CREDENTIALS"), "ACCOUNT_LOCKED", "ACCOUNT_LOCKED"]);
  });

  it("refuses even the right password while locked, saying when and whom to call", async () => {
    const answer = await login("dana.w", GOOD_PASSWORD);
    expect(answer).toMatchObject({ __typename: "LoginRejected", code: "ACCOUNT_LOCKED" });
    expect(answer.retryAfterSeconds).toBeGreaterThan(0);
    expect(answer.retryAfterSeconds).toBeLessThanOrEqual(3);
    expect(answer.message).toContain("1-800-555-0100");
    const notices = system.outbox.messages().filter((m) => m.to === DANA.mobilePhone || m.to === DANA.email);
    expect(notices.some((m) => /lock/i.test(m.body))).toBe(true);
  });

  it("lifts the lock after LOCKOUT_SECONDS", async () => {
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    expect((await login("dana.w", GOOD_PASSWORD)).__typename).toBe("StepUpRequired");
  });

  it("lets parallel right passwords through, however many, after typos too, and locks nothing", async () => {
    for (let i = 0; i < MAX - 1; i++) expect((await login("dana.w", `typo-${i}-password`)).code).toBe("INVALID_CREDENTIALS");
    const answers = await Promise.all(Array.from({ length: 20 }, () => login("dana.w", GOOD_PASSWORD)));
    expect(answers.map((a) => a.__typename)).toEqual(Array(20).fill("StepUpRequired"));
    expect((await login("dana.w", GOOD_PASSWORD)).__typename).toBe("StepUpRequired");
  });

  it("lets a burst of 50 parallel wrong passwords check at most LOCKOUT_MAX_FAILURES of them", async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login("luis.o", `parallel-wrong-${i}!!`)));
    const checked = answers.filter((a) => a.code === "INVALID_CREDENTIALS").length;
    const locked = answers.filter((a) => a.code === "ACCOUNT_LOCKED").length;
    expect(checked + locked).toBe(50);
    expect(checked).toBe(MAX);
    expect((await login("luis.o", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
  });
});
