// GET /metrics on the gateway and on each subgraph: Prometheus text that counts what went through
// the running system exactly (logins by outcome, the lock, codes sent, step-up outcomes, requests
// per operation and outcome), and that no other origin's page may read (no CORS headers).
import { metricValue, scrapeMetrics } from "@oa/platform/testing";
import { DANA, GOOD_PASSWORD, LUIS, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { TestSystem } from "../support/system";

const MAX = 3;

describe("/metrics through the running system", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ lockoutMaxFailures: MAX, lockoutSeconds: 600 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
  });
  afterAll(() => system.stop());

  const identity = () => scrapeMetrics(system.directUrls.identity);
  const gateway = () => scrapeMetrics(system.gatewayUrl);
  const login = async (password: string, username = "dana.w") => (await system.run("Login", { input: { username, password } })).body.data!.login;

  it("is served by the gateway and every subgraph, in Prometheus text, with no CORS headers", async () => {
    for (const url of [system.gatewayUrl, ...Object.values(system.directUrls)]) {
      const answer = await fetch(new URL("/metrics", url), { headers: { origin: "https://elsewhere.example" } });
      expect([url, answer.status]).toEqual([url, 200]);
      expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect([...answer.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
      expect(await answer.text()).toMatch(/^# HELP oa_graphql_request_duration_seconds /m);
    }
  });

  it("counts a login and a lock by exactly what was done", async () => {
    const logins = (text: string, outcome: string) => metricValue(text, `oa_logins_total{outcome="${outcome}",service="identity"}`);
    const locks = (text: string) => metricValue(text, 'oa_locks_total{guard="login",service="identity"}');
    const loginRequests = (text: string) => metricValue(text, 'oa_graphql_request_duration_seconds_count{operation="Login",outcome="ok",service="gateway"}');
    const [identityBefore, gatewayBefore] = [await identity(), await gateway()];

    const answers = [await login(GOOD_PASSWORD)];
    for (let i = 0; i < MAX + 1; i++) answers.push(await login(`wrong-password-${i}!`));
    const outcomes = answers.map((answer: { __typename: string; code?: string }) => (answer.code ? `${answer.__typename}:${answer.code}` : answer.__typename));
    expect(outcomes).toEqual(["StepUpRequired", ...Array(MAX).fill("LoginRejected:INVALID_CREDENTIALS"), "LoginRejected:ACCOUNT_LOCKED"]);

    const [identityAfter, gatewayAfter] = [await identity(), await gateway()];
    for (const outcome of new Set(outcomes)) {
      const expected = outcomes.filter((each) => each === outcome).length;
      expect([outcome, logins(identityAfter, outcome) - logins(identityBefore, outcome)]).toEqual([outcome, expected]);
    }
    expect(locks(identityAfter) - locks(identityBefore)).toBe(1);
    expect(loginRequests(gatewayAfter) - loginRequests(gatewayBefore)).toBe(answers.length);
    // The same lock is not counted again by the tries it refuses.
    await login(GOOD_PASSWORD);
    expect(locks(await identity())).toBe(locks(identityAfter));
  });

  it("counts a code sent and a step-up outcome", async () => {
    const codes = (text: string) => metricValue(text, 'oa_security_codes_sent_total{service="identity"}');
    const stepUps = (text: string, outcome: string) => metricValue(text, `oa_step_up_verifications_total{outcome="${outcome}",service="identity"}`);
    const before = await identity();
    const challenge = (await login(GOOD_PASSWORD, "luis.o")).challenge;
    const sent = (await system.run("SendSecurityCode", { input: { challengeId: challenge.id, method: "SMS_CODE" } })).body.data!.sendSecurityCode;
    expect(sent.__typename).toBe("SecurityCodeSent");
    const code = system.outbox.latestCode(LUIS.mobilePhone);
    const wrong = code === "000000" ? "111111" : "000000";
    const rejected = (await system.run("VerifyStepUp", { input: { challengeId: challenge.id, code: wrong } })).body.data!.verifyStepUp;
    const outcome = `${rejected.__typename}:${rejected.code}`;
    const after = await identity();
    expect(codes(after) - codes(before)).toBe(1);
    expect(stepUps(after, outcome) - stepUps(before, outcome)).toBe(1);
  });
});
