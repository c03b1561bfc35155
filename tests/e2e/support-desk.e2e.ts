// `npm run support` as an agent runs it (the built command, a child process) against the running
// identity service, and the attacks on its support-only fields. (`npm test` builds before it runs the tests.)
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "@oa/platform";
import { gatewayHeaders, postGraphQL } from "@oa/platform/testing";
import { apiSchemaOf } from "../../packages/cli/src/schema/api-schema";
import { DANA, GOOD_PASSWORD, LUIS, SOLO, testRecords } from "../support/fixtures";
import { enroll as enrollThrough } from "../support/journeys";
import { TestSystem } from "../support/system";

const COMMAND = join(__dirname, "../../packages/cli/dist/support.js");
const SUPERGRAPH = join(__dirname, "../../schema/supergraph.graphql");

// Answers no id, nonce or hash could spell by chance, so a grep for them means something.
const ANSWERS = ["Kestrel-Biscuit-Answer", "Lantern-Dearborn-Answer", "Harbor-Lakeside-Answer"];
const WRONG_ANSWER = "Wrong-Marigold-Answer";
const TAX_IDS = [DANA, LUIS, SOLO].flatMap((person) => [person.taxId, person.taxId.replace(/-/g, "")]);
const AGENT = "agent-042";
const REASON = "caller verified on the phone, ticket 7731";

const UNLOCK_FIELD = 'mutation ($username: String!) { supportUnlock(username: $username, agent: "a", reason: "r", last4: "0001", questionId: "Q1", answer: "x") { unlocked } }';
const EVENTS_FIELD = "query ($username: String!) { supportSecurityEvents(username: $username) { id kind agent reason } }";
const ME_EVENTS = "query { me { securityEvents(first: 100) { kind } } }";

/** Who enrolls and signs in: the tax id on file, and the phone codes go to. */
type Person = { taxId: string; mobilePhone: string | null };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface PrintedEvent {
  id: string;
  kind: string;
  at: string;
  deviceName: string | null;
  clientAddress: string | null;
  agent: string | null;
  reason: string | null;
}

/** Every line the services log while the suite runs (at debug level), kept from the test output. */
function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}

describe("the support desk (npm run support)", () => {
  let system: TestSystem;
  let logs: ReturnType<typeof captureLogs>;
  let questions: string[] = [];
  const outputs: string[] = [];

  /** The built command, as npm runs it, pointed at this system's identity with its support secret. */
  function support(...args: string[]): Promise<Run> {
    const env = { ...process.env, IDENTITY_URL: system.subgraphUrls.identity, SUPPORT_SECRET: system.settings.supportSecret, NODE_ENV: "test", LOG_LEVEL: "silent" };
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [COMMAND, ...args], { env }, (_error, stdout, stderr) => {
        outputs.push(stdout, stderr);
        resolve({ code: child.exitCode ?? -1, stdout, stderr });
      });
    });
  }
  const unlock = (username: string, last4: string, answer: string, question = questions[1]) =>
    support("unlock", username, "--agent", AGENT, "--reason", REASON, "--last4", last4, "--answer", `${question}=${answer}`);
  const events = async (username: string, ...extra: string[]): Promise<PrintedEvent[]> => {
    const run = await support("events", username, ...extra);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    return run.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as PrintedEvent);
  };
  /** The support events once `kinds` all appear (failed proofs are recorded in the background). */
  async function eventsOnce(username: string, ...kinds: string[]): Promise<PrintedEvent[]> {
    let seen: PrintedEvent[] = [];
    for (let i = 0; i < 50; i++) {
      seen = await events(username, "--limit", "100");
      if (kinds.every((kind) => seen.some((event) => event.kind === kind))) return seen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return seen;
  }

  const login = async (username: string, password: string, deviceToken?: string) =>
    (await system.run("Login", { input: { username, password, deviceToken } })).body.data!.login as Record<string, any>;
  const lockOut = async (username: string, deviceToken?: string) => {
    for (let i = 0; i < system.settings.lockoutMaxFailures; i++) await login(username, `not-the-password-${i}`, deviceToken);
    expect((await login(username, GOOD_PASSWORD, deviceToken)).code).toBe("ACCOUNT_LOCKED");
  };
  async function enroll(person: Person, username: string, accountNumber: string, accountType: string) {
    const input = {
      accountType,
      taxId: person.taxId,
      accountNumber,
      username,
      password: GOOD_PASSWORD,
      securityAnswers: questions.slice(0, 3).map((questionId, i) => ({ questionId, answer: ANSWERS[i] })),
    };
    expect((await system.runOperation("Enroll", { input })).enroll).toEqual({ __typename: "EnrollmentSucceeded", username });
  }
  /** Signs in from a new device through step-up with the SMS code; optionally remembers it. */
  async function signIn(person: Person, username: string, rememberDevice?: { name: string; platform: string }) {
    const challengeId = (await login(username, GOOD_PASSWORD)).challenge.id as string;
    await system.runOperation("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } });
    const code = system.outbox.latestCode(person.mobilePhone!);
    const { verifyStepUp } = await system.runOperation("VerifyStepUp", { input: { challengeId, code, rememberDevice } });
    return { accessToken: verifyStepUp.session.accessToken as string, deviceToken: verifyStepUp.registeredDevice?.deviceToken as string | undefined };
  }

  beforeAll(async () => {
    logs = captureLogs();
    system = await TestSystem.start({ lockoutMaxFailures: 3, lockoutSeconds: 600, logLevel: "debug" }, testRecords(), { tap: ["identity"] });
    questions = (await system.runOperation("SecurityQuestionCatalog", {})).securityQuestionCatalog.map((question: { id: string }) => question.id);
    await enroll(DANA, "dana.w", "2100000001", "BANK");
    await enroll(LUIS, "luis.o", "3100000001", "INVEST");
    await enroll(SOLO, "sol.single", "2100000004", "BANK");
  });
  afterAll(async () => {
    await system?.stop();
    logs?.restore();
  });

  describe("unlock", () => {
    it("lifts the person's lock and their registered device's with a right proof; recorded with the agent and the reason", async () => {
      const phone = await signIn(DANA, "dana.w", { name: "Dana's phone", platform: "IOS" });
      await lockOut("dana.w");
      await lockOut("dana.w", phone.deviceToken);

      const run = await unlock("DANA.W", "0001", ` ${ANSWERS[1].toLowerCase()} `);
      expect(run).toEqual({ code: 0, stdout: "Unlocked: online access is open again, on the login and on each of its registered devices.\n", stderr: "" });

      expect((await login("dana.w", GOOD_PASSWORD)).__typename).toBe("StepUpRequired");
      const fromPhone = await login("dana.w", GOOD_PASSWORD, phone.deviceToken);
      expect(fromPhone.__typename).toBe("LoginSucceeded");

      const unlocked = (await events("dana.w")).filter((event) => event.kind === "ACCOUNT_UNLOCKED");
      expect(unlocked).toEqual([expect.objectContaining({ agent: AGENT, reason: REASON, deviceName: null, clientAddress: null })]);
      const { body } = await system.post<{ me: { securityEvents: { kind: string }[] } }>({ query: ME_EVENTS }, fromPhone.session.accessToken);
      expect(body.data!.me.securityEvents.map((event) => event.kind)).toContain("ACCOUNT_UNLOCKED");
    });

    it("lifts nothing with a wrong last4 or a wrong answer, says the same one line for both, and records STEP_UP_FAILED", async () => {
      await lockOut("luis.o");
      const wrongLast4 = await unlock("luis.o", "9999", ANSWERS[1]);
      const wrongAnswer = await unlock("luis.o", "0002", WRONG_ANSWER);
      for (const run of [wrongLast4, wrongAnswer]) {
        expect(run).toEqual({
          code: 1,
          stdout: "",
          stderr: "support: Not unlocked: the proof does not match (or no login has that username). Nothing was lifted, and the try counts toward the lock.\n",
        });
      }
      expect((await login("luis.o", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
      let failed: PrintedEvent[] = [];
      for (let i = 0; i < 50 && failed.length < 2; i++) failed = (await eventsOnce("luis.o", "STEP_UP_FAILED")).filter((event) => event.kind === "STEP_UP_FAILED");
      expect(failed).toEqual(Array(2).fill(expect.objectContaining({ agent: AGENT, reason: REASON, clientAddress: null })));
    });

    it("counts wrong proofs toward the person's lock (with its event and notice), and bounds them per username", async () => {
      // sol.s is not locked: one wrong password, then two wrong proofs make three.
      await login("sol.single", "not-the-password");
      expect((await unlock("sol.single", "0004", WRONG_ANSWER)).code).toBe(1);
      expect((await login("sol.single", GOOD_PASSWORD)).__typename).toBe("StepUpRequired");
      expect((await unlock("sol.single", "1234", ANSWERS[1])).code).toBe(1);
      expect((await login("sol.single", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
      const locked = (await eventsOnce("sol.single", "ACCOUNT_LOCKED")).find((event) => event.kind === "ACCOUNT_LOCKED");
      expect(locked).toMatchObject({ agent: AGENT, reason: REASON });
      expect(system.outbox.messagesTo(SOLO.mobilePhone!).some((message) => message.body.includes("temporarily locked"))).toBe(true);

      // The third wrong proof spends the username's proof budget: then even the right one is not checked.
      expect((await unlock("sol.single", "0004", "Another-Wrong-Answer")).code).toBe(1);
      const refused = await unlock("sol.single", "0004", ANSWERS[1]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^support: Not unlocked: too many wrong proofs for this username lately\. Try again in 10 minutes; nothing was checked\.\n$/);
      expect((await login("sol.single", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
    });

    it("answers an unknown username exactly as a wrong proof, and counts its tries the same way", async () => {
      // The right answer, but to a question dana.w never chose, is a wrong proof too.
      const wrong = await unlock("dana.w", "0001", ANSWERS[1], questions[5]);
      const unknown = await unlock("nobody.here", "0001", ANSWERS[1]);
      expect(unknown).toEqual(wrong);
      expect(unknown.code).toBe(1);
      for (let i = 0; i < 2; i++) await unlock("nobody.here", "0001", ANSWERS[1]);
      expect((await unlock("nobody.here", "0001", ANSWERS[1])).stderr).toMatch(/too many wrong proofs for this username/);
      // dana.w's wrong proof counted once; her right one still works.
      expect((await unlock("dana.w", "0001", ANSWERS[1])).code).toBe(0);
    });

    it("refuses malformed arguments with exit 2 before calling identity", async () => {
      const run = await support("unlock", "dana.w", "--agent", AGENT, "--reason", REASON, "--last4", "900-10-0001", "--answer", `${questions[1]}=${ANSWERS[1]}`);
      expect(run.code).toBe(2);
      expect(run.stderr.split("\n")[0]).toBe("support: --last4 is the last 4 digits of the caller's SSN or Tax ID");
      const reason = await support("end-sessions", "dana.w", "--agent", AGENT, "--reason", "tax id 900 10 0001 confirmed");
      expect(reason.code).toBe(2);
      expect(reason.stderr).toBe("support: reason must not hold a tax id or an account number: it is recorded in the user's events.\n");
    });
  });

  describe("end-sessions", () => {
    it("ends every session of the user: the old access token is refused through the gateway; recorded as SESSIONS_ENDED", async () => {
      // luis.o is locked (above): an agent unlocks him first; his third proof, and the right one.
      expect((await unlock("luis.o", "0002", ANSWERS[1])).code).toBe(0);
      const phone = await signIn(LUIS, "luis.o", { name: "Luis's phone", platform: "ANDROID" });
      // The app's sign-in from the registered phone: a session with a refresh token.
      const onApp = await system.post<{ login: { session: { accessToken: string; refreshToken: string } } }>({
        query: "mutation ($input: LoginInput!) { login(input: $input) { ... on LoginSucceeded { session { accessToken refreshToken } } } }",
        variables: { input: { username: "luis.o", password: GOOD_PASSWORD, deviceToken: phone.deviceToken } },
      });
      const refreshOnApp = (refreshToken: string) =>
        system.post<{ refreshSession: { __typename: string; session?: { accessToken: string; refreshToken: string } } }>({
          query: "mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { __typename ... on SessionRefreshed { session { accessToken refreshToken } } } }",
          variables: { input: { refreshToken, deviceToken: phone.deviceToken } },
        });
      // The refresh token works (and is traded for the next one) until support ends the sessions.
      const refreshed = (await refreshOnApp(onApp.body.data!.login.session.refreshToken)).body.data!.refreshSession;
      expect(refreshed.__typename).toBe("SessionRefreshed");
      const { refreshToken } = refreshed.session!;
      const sessions = [phone, await signIn(LUIS, "luis.o"), refreshed.session!];
      for (const { accessToken } of sessions) expect((await system.post({ query: "{ me { username } }" }, accessToken)).body.data).toEqual({ me: { username: "luis.o" } });

      const run = await support("end-sessions", "luis.o", "--agent", AGENT, "--reason", "lost phone");
      expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Ended [34] sessions; no refresh token of the login works any more\.\n$/), stderr: "" });
      expect((await refreshOnApp(refreshToken)).body.data!.refreshSession.__typename).toBe("RefreshRejected");
      for (const { accessToken } of sessions) {
        expect((await system.post({ query: "{ me { username } }" }, accessToken)).body.data).toEqual({ me: null });
        const logout = await system.run("Logout", {}, accessToken);
        expect(logout.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      }
      expect((await events("luis.o"))[0]).toMatchObject({ kind: "SESSIONS_ENDED", agent: AGENT, reason: "lost phone" });
      // With nothing open it still ends (and records) what the agent asked for.
      expect(await support("end-sessions", "luis.o", "--agent", AGENT, "--reason", "called again")).toEqual({
        code: 0,
        stdout: "No open sessions to end; no refresh token of the login works any more.\n",
        stderr: "",
      });
      expect((await events("luis.o"))[0]).toMatchObject({ kind: "SESSIONS_ENDED", agent: AGENT, reason: "called again" });
    });
  });

  describe("events", () => {
    it("prints JSON lines, newest first, with the agent and reason of support actions only, up to --limit", async () => {
      const all = await events("dana.w", "--limit", "100");
      expect(all.length).toBeGreaterThan(5);
      for (const event of all) {
        expect(Object.keys(event)).toEqual(["id", "kind", "at", "deviceName", "clientAddress", "agent", "reason"]);
        const bySupport = ["ACCOUNT_UNLOCKED", "STEP_UP_FAILED"].includes(event.kind) && event.clientAddress === null;
        if (!bySupport) expect([event.kind, event.agent, event.reason]).toEqual([event.kind, null, null]);
      }
      const times = all.map((event) => Date.parse(event.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(await events("dana.w")).toEqual(all.slice(0, 20));
      expect(await events("DANA.W", "--limit", "2")).toEqual(all.slice(0, 2));
      expect((await support("events", "dana.w", "--limit", "101")).code).toBe(2);
    });

    it("exits 1 with one line for an unknown username, for events and end-sessions alike", async () => {
      const line = { code: 1, stdout: "", stderr: "support: No login has that username.\n" };
      expect(await support("events", "nobody.here")).toEqual(line);
      expect(await support("end-sessions", "nobody.here", "--agent", AGENT, "--reason", "r")).toEqual(line);
    });
  });

  describe("attacks", () => {
    const lockedUntilUnlocked = async () => {
      await lockOut("dana.w");
      return (await events("dana.w", "--limit", "100")).length;
    };

    it("cannot reach the support fields through the gateway: they are not in the API schema", async () => {
      const before = await lockedUntilUnlocked();
      const api = apiSchemaOf(readFileSync(SUPERGRAPH, "utf8"));
      const fields = [...Object.keys(api.getMutationType()!.getFields()), ...Object.keys(api.getQueryType()!.getFields())];
      expect(fields.filter((field) => field.startsWith("support"))).toEqual([]);
      expect(api.getType("SupportUnlockResult")).toBeUndefined();
      for (const [query, variables] of [
        [UNLOCK_FIELD, { username: "dana.w" }],
        [EVENTS_FIELD, { username: "dana.w" }],
      ] as const) {
        const { body } = await system.post({ query, variables });
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      }
      expect((await login("dana.w", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
      expect((await events("dana.w", "--limit", "100")).length).toBe(before);
    });

    it("refuses the support fields directly at identity under the gateway's secret: as the gateway (FORBIDDEN), posing as support (401)", async () => {
      const before = (await events("dana.w", "--limit", "100")).length;
      const identity = system.directUrls.identity;
      for (const caller of ["gateway", "identity"]) {
        const answer = await postGraphQL(identity, UNLOCK_FIELD, { username: "dana.w" }, gatewayHeaders(system.settings, "identity", null, caller));
        expect([caller, answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([caller, 200, "FORBIDDEN"]);
        const read = await postGraphQL(identity, EVENTS_FIELD, { username: "dana.w" }, gatewayHeaders(system.settings, "identity", null, caller));
        expect(read.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
      const posing = await postGraphQL(identity, UNLOCK_FIELD, { username: "dana.w" }, gatewayHeaders(system.settings, "identity", null, "support"));
      expect(posing.status).toBe(401);
      expect((await login("dana.w", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
      expect((await events("dana.w", "--limit", "100")).length).toBe(before);
    });

    it("refuses a captured support credential replayed, for another body or again, and the support secret for any other field", async () => {
      const tap = system.taps.identity!;
      tap.clear();
      expect((await events("luis.o", "--limit", "1")).length).toBe(1);
      const captured = tap.last("supportSecurityEvents");
      const header = String(captured.headers[GATEWAY_CREDENTIAL_HEADER]);
      const send = (body: string) =>
        fetch(system.directUrls.identity, { method: "POST", headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: header }, body });
      // Another user's events, more of them, or an unlock: each a body it was not made for.
      for (const body of [
        captured.body.replace("luis.o", "dana.w"),
        captured.body.replace('"first":1', '"first":100'),
        JSON.stringify({ query: UNLOCK_FIELD, variables: { username: "dana.w" } }),
      ]) {
        expect((await send(body)).status).toBe(401);
      }

      // An unlock's credential, captured and sent again with its own body: accepted once only.
      tap.clear();
      expect((await unlock("dana.w", "0001", ANSWERS[1])).code).toBe(0);
      const unlockCall = tap.last("supportUnlock");
      await lockOut("dana.w");
      const again = await fetch(system.directUrls.identity, {
        method: "POST",
        headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: String(unlockCall.headers[GATEWAY_CREDENTIAL_HEADER]) },
        body: unlockCall.body,
      });
      expect(again.status).toBe(401);
      expect((await login("dana.w", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");

      // The support secret signs nothing but the support fields: not a public field, not _entities.
      const signedBySupport = (query: string, purpose: string | null) => {
        const body = JSON.stringify({ query, variables: {} });
        const credential = signGatewayCredential(
          system.settings.supportSecret,
          { caller: "support", session: null, clientIp: null, purpose },
          { audience: "identity", method: "POST", path: "/graphql", body },
        );
        return fetch(system.directUrls.identity, { method: "POST", headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: credential }, body });
      };
      expect((await signedBySupport("{ securityQuestionCatalog { id } }", "securityQuestionCatalog")).status).toBe(401);
      expect((await signedBySupport('{ _entities(representations: [{ __typename: "User", id: "x" }]) { __typename } }', "_entities")).status).toBe(401);
      expect((await signedBySupport('{ supportSecurityEvents(username: "dana.w") { id } }', "supportSecurityEvents")).status).toBe(200);
    });
  });

  describe("an unknown username", () => {
    let checked: TestSystem;
    beforeAll(async () => {
      // Budgets far above the tries below: every try is checked.
      checked = await TestSystem.start({ lockoutMaxFailures: 1000 }, testRecords());
      await enrollThrough(checked, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    });
    afterAll(() => checked?.stop());

    // The time of either is one argon2 verification and little else (without the dummy hash an
    // unknown username took a quarter of a wrong proof's time). Counted, not timed: a count says
    // the same on a busy machine.
    it("costs what a wrong proof costs: one argon2 verification each (a dummy hash for nobody), and the same answer", async () => {
      const unlockAt = async (username: string) => {
        const body = JSON.stringify({ query: UNLOCK_FIELD, variables: { username } });
        const credential = signGatewayCredential(
          checked.settings.supportSecret,
          { caller: "support", session: null, clientIp: null, purpose: "supportUnlock" },
          { audience: "identity", method: "POST", path: "/graphql", body },
        );
        const before = checked.passwordChecks;
        const response = await fetch(checked.subgraphUrls.identity, {
          method: "POST",
          headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: credential },
          body,
        });
        return { answer: await response.json(), verifications: checked.passwordChecks - before };
      };
      for (let i = 0; i < 3; i++) {
        for (const username of ["dana.w", `nobody-${i}`]) {
          expect(await unlockAt(username)).toEqual({ answer: { data: { supportUnlock: { unlocked: false } } }, verifications: 1 });
        }
      }
    });
  });

  // Last: it reads what every test above printed and logged.
  describe("afterwards", () => {
    it("never prints or logs a tax id or a security answer", () => {
      const everything = [...outputs, ...logs.lines].join("\n");
      expect(logs.lines.some((line) => line.includes("unlocked by support"))).toBe(true);
      for (const secret of [...TAX_IDS, ...ANSWERS, ANSWERS[1].toLowerCase(), WRONG_ANSWER, "Another-Wrong-Answer"])
        expect([secret, everything.includes(secret)]).toEqual([secret, false]);
      // The refusals and confirmations never repeat the last four digits they were given.
      for (const line of outputs.filter((output) => !output.startsWith("{"))) expect(line).not.toMatch(/0001|0002|0004|9999|1234/);
    });
  });
});
