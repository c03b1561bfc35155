import { type IdentityHarness, startIdentityHarness } from "../../testing/identity-harness";
import { readOutbox, waitForOutbox } from "../../testing/outbox";
import type { TestLogin } from "../../testing/test-logins";

const MAX_FAILURES = 3;

interface LoginAnswer {
  login: {
    __typename: "LoginSucceeded" | "StepUpRequired" | "LoginRejected";
    session?: { accessToken: string; expiresAt: string };
    challenge?: { id: string; expiresAt: string; methods: { method: string; destination: string | null }[]; questions: { id: string; text: string }[] };
    code?: string;
    message?: string;
    retryAfterSeconds?: number | null;
  };
}

describe("login and lockout (identity, real PostgreSQL and Redis)", () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startIdentityHarness({ lockoutMaxFailures: MAX_FAILURES, lockoutSeconds: 600, supportPhone: "1-800-555-0199" });
  });

  afterAll(async () => {
    await harness.close();
  });

  const login = async (username: string, password: string, deviceToken?: string) => {
    const answer = await harness.operation<LoginAnswer>("Login", { input: { username, password, deviceToken } });
    expect(answer.errors).toBeUndefined();
    return answer.data!.login;
  };

  describe("a right password", () => {
    let dana: TestLogin;

    beforeAll(async () => {
      dana = await harness.createLogin({ mobilePhone: "+15555550101" });
    });

    it("from an unregistered device answers StepUpRequired with masked contacts and two of the three questions", async () => {
      const before = Date.now();
      const answer = await login(dana.username, dana.password);
      expect(answer.__typename).toBe("StepUpRequired");
      const challenge = answer.challenge!;
      expect(challenge.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(challenge.methods).toEqual([
        { method: "SMS_CODE", destination: "***-***-0101" },
        { method: "EMAIL_CODE", destination: `d***@example.com` },
        { method: "SECURITY_QUESTIONS", destination: null },
      ]);
      expect(challenge.questions).toHaveLength(2);
      for (const question of challenge.questions) {
        expect(Object.keys(dana.answers)).toContain(question.id);
        expect(question.text.length).toBeGreaterThan(5);
      }
      expect(new Set(challenge.questions.map((question) => question.id)).size).toBe(2);
      const expiresAt = Date.parse(challenge.expiresAt);
      expect(challenge.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(expiresAt).toBeGreaterThan(before);

      const again = await harness.operation<{ stepUpChallenge: unknown }>("StepUpChallenge", { id: challenge.id });
      expect(again.data?.stepUpChallenge).toEqual(challenge);
    });

    it("accepts the username in any case", async () => {
      expect((await login(dana.username.toUpperCase(), dana.password)).__typename).toBe("StepUpRequired");
    });

    it("asks different questions across challenges, always two of the person's three", async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const answer = await login(dana.username, dana.password);
        for (const question of answer.challenge!.questions) seen.add(question.id);
      }
      expect([...seen].sort()).toEqual(Object.keys(dana.answers).sort());
    });

    it("offers only the code methods whose contact is on file", async () => {
      const noEmail = await harness.createLogin({ email: null });
      const noContacts = await harness.createLogin({ email: null, mobilePhone: null });
      expect((await login(noEmail.username, noEmail.password)).challenge!.methods.map((offer) => offer.method)).toEqual(["SMS_CODE", "SECURITY_QUESTIONS"]);
      expect((await login(noContacts.username, noContacts.password)).challenge!.methods).toEqual([{ method: "SECURITY_QUESTIONS", destination: null }]);
    });

    it("with this user's registered device token signs in at once and stamps the device", async () => {
      const device = harness.deviceTrust.seed(dana.userId);
      const answer = await login(dana.username, dana.password, device.token);
      expect(answer.__typename).toBe("LoginSucceeded");
      expect(answer.session!.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const session = await harness.sessionOf(answer.session!.accessToken);
      expect(session).toMatchObject({ userId: dana.userId, customerId: dana.customerId, deviceId: device.id });
      expect(session!.expiresAt).toBe(answer.session!.expiresAt);
      const lifetime = Date.parse(answer.session!.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan((harness.settings.sessionTtlSeconds - 10) * 1000);
      expect(lifetime).toBeLessThanOrEqual(harness.settings.sessionTtlSeconds * 1000);
      expect(device.lastUsedAt).not.toBeNull();
      expect(harness.deviceTrust.calls.at(-1)).toMatchObject({ field: "useTrustedDevice", caller: "identity" });
    });

    it("with another user's device token, or a made-up one, answers StepUpRequired", async () => {
      const other = await harness.createLogin();
      const othersDevice = harness.deviceTrust.seed(other.userId);
      expect((await login(dana.username, dana.password, othersDevice.token)).__typename).toBe("StepUpRequired");
      expect((await login(dana.username, dana.password, "x".repeat(43))).__typename).toBe("StepUpRequired");
      expect(othersDevice.lastUsedAt).toBeNull();
    });

    it("answers StepUpRequired when device-trust cannot answer", async () => {
      const device = harness.deviceTrust.seed(dana.userId);
      harness.deviceTrust.failing = true;
      try {
        expect((await login(dana.username, dana.password, device.token)).__typename).toBe("StepUpRequired");
      } finally {
        harness.deviceTrust.failing = false;
      }
    });
  });

  describe("wrong passwords and unknown usernames", () => {
    it("answer INVALID_CREDENTIALS with the same message", async () => {
      const dana = await harness.createLogin();
      const wrong = await login(dana.username, "not the password at all");
      const unknown = await login(`nobody.${Date.now()}`, "not the password at all");
      expect(wrong).toEqual(unknown);
      expect(wrong).toMatchObject({ __typename: "LoginRejected", code: "INVALID_CREDENTIALS", retryAfterSeconds: null });
    });

    it("give the same sequence of answers for a known and an unknown username, up to and after the lock", async () => {
      const known = await harness.createLogin();
      const unknownName = `ghost.${Date.now()}`;
      const sequence = async (username: string) => {
        const answers = [];
        for (let i = 0; i < MAX_FAILURES + 2; i++) {
          const answer = await login(username, `wrong password ${i}`);
          answers.push({ code: answer.code, retryAfter: typeof answer.retryAfterSeconds === "number" });
        }
        return answers;
      };
      const knownSequence = await sequence(known.username);
      const unknownSequence = await sequence(unknownName);
      expect(knownSequence).toEqual(unknownSequence);
      // Every wrong password is answered as what it was, the one that sets the lock too; the lock
      // answers from the next try on.
      expect(knownSequence.map((answer) => answer.code)).toEqual([...Array(MAX_FAILURES).fill("INVALID_CREDENTIALS"), "ACCOUNT_LOCKED", "ACCOUNT_LOCKED"]);
    });

    it("lock after LOCKOUT_MAX_FAILURES: even the right password then answers ACCOUNT_LOCKED with the support number", async () => {
      const dana = await harness.createLogin();
      for (let i = 0; i < MAX_FAILURES; i++) expect((await login(dana.username, "wrong")).code).toBe("INVALID_CREDENTIALS");
      expect(await login(dana.username, "wrong")).toMatchObject({ code: "ACCOUNT_LOCKED", retryAfterSeconds: 600 });
      const checksBefore = harness.passwordChecks();
      const right = await login(dana.username, dana.password);
      expect(right.code).toBe("ACCOUNT_LOCKED");
      expect(right.message).toContain("1-800-555-0199");
      expect(right.retryAfterSeconds).toBeGreaterThan(590);
      expect(right.retryAfterSeconds).toBeLessThanOrEqual(600);
      expect(harness.passwordChecks()).toBe(checksBefore); // no password is checked while locked
      // A registered device with its token and the right password is not locked out by failures from elsewhere.
      const device = harness.deviceTrust.seed(dana.userId);
      expect((await login(dana.username, dana.password, device.token)).__typename).toBe("LoginSucceeded");
      expect((await login(dana.username, dana.password)).code).toBe("ACCOUNT_LOCKED");
    });

    it("a registered device counts its own failures: they lock only it, and the lock from elsewhere does not reach it", async () => {
      const dana = await harness.createLogin();
      const phone = harness.deviceTrust.seed(dana.userId);
      const laptop = harness.deviceTrust.seed(dana.userId, "Laptop");
      for (let i = 0; i < MAX_FAILURES; i++) expect((await login(dana.username, "wrong", phone.token)).code).toBe("INVALID_CREDENTIALS");
      expect((await login(dana.username, dana.password, phone.token)).code).toBe("ACCOUNT_LOCKED");
      // Not the person: another registered device and an unregistered one go on as before.
      expect((await login(dana.username, dana.password, laptop.token)).__typename).toBe("LoginSucceeded");
      expect((await login(dana.username, dana.password)).__typename).toBe("StepUpRequired");
      // Someone else's device token is no device of Dana's: it counts against Dana's own budget.
      const other = await harness.createLogin();
      const othersPhone = harness.deviceTrust.seed(other.userId);
      for (let i = 0; i < MAX_FAILURES; i++) await login(dana.username, "wrong", othersPhone.token);
      expect((await login(dana.username, dana.password)).code).toBe("ACCOUNT_LOCKED");
      expect((await login(dana.username, dana.password, laptop.token)).__typename).toBe("LoginSucceeded");
      expect((await login(other.username, other.password, othersPhone.token)).__typename).toBe("LoginSucceeded");
    });

    it("send the person on file one 'access locked' message per channel when the lock is set, and nobody for an unknown name", async () => {
      const dana = await harness.createLogin({ mobilePhone: "+15555550177" });
      const before = (await readOutbox(harness.outboxFile)).length;
      for (let i = 0; i < MAX_FAILURES + 1; i++) await login(dana.username, "wrong");
      for (let i = 0; i < MAX_FAILURES + 1; i++) await login(`unknown.${before}`, "wrong");
      const isDanas = (line: { to: string }) => line.to === dana.email || line.to === dana.mobilePhone;
      await waitForOutbox(harness.outboxFile, (all) => all.slice(before).filter(isDanas).length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = (await readOutbox(harness.outboxFile)).slice(before);
      const notices = lines.filter(isDanas);
      // The unknown username's lock told nobody: every notice since is Dana's.
      expect(lines.filter((line) => /locked/.test(line.body)).every(isDanas)).toBe(true);
      expect(notices.map((line) => [line.channel, line.to]).sort()).toEqual([
        ["EMAIL", dana.email],
        ["SMS", "+15555550177"],
      ]);
      for (const notice of notices) {
        expect(notice.body).toContain("1-800-555-0199");
        expect(notice.body).not.toContain(dana.username);
        expect(notice.body.toLowerCase()).not.toContain(dana.username.toLowerCase());
        expect(notice.body).not.toMatch(/password/i);
      }
    });

    it("a burst of 50 parallel wrong passwords gets at most LOCKOUT_MAX_FAILURES password checks", async () => {
      const dana = await harness.createLogin();
      const checksBefore = harness.passwordChecks();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(dana.username, `wrong ${i}`)));
      expect(harness.passwordChecks() - checksBefore).toBeLessThanOrEqual(MAX_FAILURES);
      expect(answers.every((answer) => answer.code === "INVALID_CREDENTIALS" || answer.code === "ACCOUNT_LOCKED")).toBe(true);
      // Every checked password is answered as what it was; every other try as locked.
      const invalid = answers.filter((answer) => answer.code === "INVALID_CREDENTIALS").length;
      expect(invalid).toBe(harness.passwordChecks() - checksBefore);
      expect(invalid).toBe(MAX_FAILURES);
      expect((await login(dana.username, dana.password)).code).toBe("ACCOUNT_LOCKED");
      // One lock, one notice per channel, however many requests ran into it.
      const isNotice = (line: { to: string; body: string }) => line.to === dana.email && /locked/.test(line.body);
      await waitForOutbox(harness.outboxFile, (lines) => lines.some(isNotice));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await readOutbox(harness.outboxFile)).filter(isNotice)).toHaveLength(1);
    });

    it("the same burst on an unknown username is counted the same way", async () => {
      const checksBefore = harness.passwordChecks();
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(`burst.nobody.${checksBefore}`, `wrong ${i}`)));
      expect(harness.passwordChecks() - checksBefore).toBeLessThanOrEqual(MAX_FAILURES);
      expect(answers.filter((answer) => answer.code === "ACCOUNT_LOCKED").length).toBeGreaterThan(40);
    });

    it("a success resets the count", async () => {
      const dana = await harness.createLogin();
      const device = harness.deviceTrust.seed(dana.userId);
      for (let i = 0; i < MAX_FAILURES - 1; i++) await login(dana.username, "wrong");
      expect((await login(dana.username, dana.password, device.token)).__typename).toBe("LoginSucceeded");
      for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await login(dana.username, "wrong")).code).toBe("INVALID_CREDENTIALS");
    });

    it("a right password from an unregistered device neither counts as a failure nor resets the count", async () => {
      const dana = await harness.createLogin();
      for (let i = 0; i < MAX_FAILURES - 1; i++) await login(dana.username, "wrong");
      for (let i = 0; i < MAX_FAILURES + 1; i++) expect((await login(dana.username, dana.password)).__typename).toBe("StepUpRequired");
      // The next wrong one is the MAX_FAILURES-th in a row: it sets the lock.
      expect((await login(dana.username, "wrong")).code).toBe("INVALID_CREDENTIALS");
      expect((await login(dana.username, dana.password)).code).toBe("ACCOUNT_LOCKED");
    });

    it("oversized usernames and passwords answer INVALID_CREDENTIALS without a password check or a count", async () => {
      const dana = await harness.createLogin();
      const checksBefore = harness.passwordChecks();
      for (let i = 0; i < MAX_FAILURES + 1; i++) {
        expect((await login(dana.username, "p".repeat(1025))).code).toBe("INVALID_CREDENTIALS");
        expect((await login("u".repeat(257), "whatever")).code).toBe("INVALID_CREDENTIALS");
      }
      expect(harness.passwordChecks()).toBe(checksBefore);
      expect((await login(dana.username, dana.password)).__typename).toBe("StepUpRequired");
    });
  });

  describe("stepUpChallenge", () => {
    it("is null for an unknown or malformed id", async () => {
      for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "nope", ""]) {
        const answer = await harness.operation("StepUpChallenge", { id });
        expect(answer.data).toEqual({ stepUpChallenge: null });
      }
    });
  });

  describe("logout", () => {
    it("needs a session", async () => {
      const answer = await harness.operation("Logout");
      expect(answer.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(answer.data ?? null).toBeNull();
    });

    it("revokes the session at once", async () => {
      const dana = await harness.createLogin();
      const device = harness.deviceTrust.seed(dana.userId);
      const { session } = await login(dana.username, dana.password, device.token);
      const forwarded = await harness.sessionOf(session!.accessToken);
      expect(forwarded).not.toBeNull();
      const me = await harness.graphql<{ me: { id: string } }>("{ me { id username } }", {}, forwarded);
      expect(me.data?.me).toEqual({ id: dana.userId, username: dana.username });

      const answer = await harness.operation("Logout", {}, forwarded);
      expect(answer.data).toEqual({ logout: { loggedOut: true } });
      expect(await harness.sessionOf(session!.accessToken)).toBeNull();
    });
  });
});
