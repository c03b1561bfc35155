// Two gateways and two instances of every subgraph on one PostgreSQL and one Redis, each subgraph's
// instances behind a round-robin balancer that the gateways and the subgraphs' internal calls go
// through. Loads spread over both gateways keep every rule exact: nothing one process keeps in its
// memory is needed by another (counters, challenges, sessions, nonces all live in Redis).
import { documentHash, SnapshotDocument } from "@oa/client";
import { GATEWAY_CREDENTIAL_HEADER } from "@oa/platform";
import { DANA, FLEET, GOOD_PASSWORD, LUIS, SOLO, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import type { GatewayClient } from "../support/gateway-client";
import { ScaledSystem } from "../support/scaled-system";

const MAX = 5;
const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe("two instances of every service, one PostgreSQL and one Redis", () => {
  let system: ScaledSystem;
  let a: GatewayClient;
  let b: GatewayClient;
  beforeAll(async () => {
    system = await ScaledSystem.start({ lockoutMaxFailures: MAX, securityCodeMaxSends: 50, clientMaxFailures: 10_000 }, testRecords());
    [a, b] = system.gateways;
    expect((await enroll(a, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" })).__typename).toBe("EnrollmentSucceeded");
    expect((await enroll(b, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" })).__typename).toBe("EnrollmentSucceeded");
    expect((await enroll(a, SOLO, "sol.single", { accountType: "AUTO", accountNumber: "AV-0000000401" })).__typename).toBe("EnrollmentSucceeded");
    expect((await enroll(b, FLEET, "fran.fleet", { accountType: "AUTO", accountNumber: "AV-3000000000" })).__typename).toBe("EnrollmentSucceeded");
  }, 120_000);
  afterAll(() => system?.stop());

  const login = async (gateway: GatewayClient, username: string, password: string, deviceToken?: string) =>
    (await gateway.run("Login", { input: { username, password, deviceToken } })).body.data!.login;
  const meId = async (gateway: GatewayClient, accessToken: string) =>
    (await gateway.post<{ me: { id: string } | null }>({ query: "{ me { id } }" }, accessToken)).body.data?.me?.id ?? null;
  /** What each instance of `name` served while `during` ran. */
  const servedDuring = async <T>(name: keyof ScaledSystem["balancers"], during: () => Promise<T>): Promise<{ result: T; served: number[] }> => {
    const before = system.balancers[name].servedBy();
    const result = await during();
    return { result, served: system.balancers[name].servedBy().map((count, i) => count - before[i]) };
  };

  it("checks exactly LOCKOUT_MAX_FAILURES of 50 parallel wrong passwords spread over both gateways and identity instances", async () => {
    const checksBefore = system.passwordChecks.reduce((sum, count) => sum + count, 0);
    const { result: answers, served } = await servedDuring("identity", () =>
      Promise.all(Array.from({ length: 50 }, (_, i) => login(system.gateway(i), "luis.o", `parallel-wrong-${i}!!`))),
    );
    expect(served.every((count) => count >= 20)).toBe(true);
    expect(answers.filter((answer) => answer.code === "INVALID_CREDENTIALS")).toHaveLength(MAX);
    expect(answers.filter((answer) => answer.code === "ACCOUNT_LOCKED")).toHaveLength(50 - MAX);
    expect(system.passwordChecks.reduce((sum, count) => sum + count, 0) - checksBefore).toBe(MAX);
    expect((await login(a, "luis.o", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
    expect((await login(b, "luis.o", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
  });

  it("accepts the right code exactly once among 20 parallel verifies spread over both gateways", async () => {
    const started = await login(a, "dana.w", GOOD_PASSWORD);
    expect(started.__typename).toBe("StepUpRequired");
    const challengeId = started.challenge.id as string;
    expect((await b.run("StepUpChallenge", { id: challengeId })).body.data!.stepUpChallenge.id).toBe(challengeId);
    expect((await b.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } })).body.data!.sendSecurityCode.__typename).toBe("SecurityCodeSent");
    // The challenge's 30 s between codes holds on the other gateway too.
    expect((await a.run("SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } })).body.data!.sendSecurityCode.code).toBe("RESEND_TOO_SOON");
    const code = system.outbox.latestCode(DANA.mobilePhone);
    const { result: results, served } = await servedDuring("identity", () =>
      Promise.all(Array.from({ length: 20 }, (_, i) => system.gateway(i).run("VerifyStepUp", { input: { challengeId, code } }))),
    );
    expect(served.every((count) => count >= 8)).toBe(true);
    const answers = results.map(({ body }) => body.data!.verifyStepUp);
    const succeeded = answers.filter((answer) => answer.__typename === "StepUpSucceeded");
    expect(succeeded).toHaveLength(1);
    expect(answers.filter((answer) => answer.__typename === "StepUpRejected")).toHaveLength(19);
    // The session it opened works through both gateways.
    const token = succeeded[0].session.accessToken as string;
    const id = await meId(a, token);
    expect(id).not.toBeNull();
    expect(await meId(b, token)).toBe(id);
  });

  it("answers every Snapshot of a load spread over both gateways rightly", async () => {
    const fran = await signIn(b, FLEET, "fran.fleet", { name: "Fran's phone", platform: "IOS" });
    const sol = await signIn(a, SOLO, "sol.single");
    for (let i = 1; i < 30; i++) {
      const added = (await system.gateway(i).run("AddVehicle", { input: { accountNumber: `AV-3${String(i).padStart(9, "0")}` } }, fran.accessToken)).body.data!.addVehicle;
      expect(added.__typename).toBe("VehicleAdded");
    }
    const expected = {
      [fran.accessToken]: (await a.run("Snapshot", {}, fran.accessToken)).body,
      [sol.accessToken]: (await b.run("Snapshot", {}, sol.accessToken)).body,
    };
    expect(expected[fran.accessToken].data!.me.vehicleAccounts).toHaveLength(30);
    expect(expected[fran.accessToken].data!.me.devices).toHaveLength(1);
    expect(expected[sol.accessToken].data!.me.vehicleAccounts).toHaveLength(1);
    const tokens = [fran.accessToken, sol.accessToken];
    const served = { identity: system.balancers.identity.servedBy(), vehicles: system.balancers["vehicle-account"].servedBy() };
    let wrong = 0;
    let done = 0;
    // 200 Snapshots, 16 at a time, each gateway and user in turn.
    await Promise.all(
      Array.from({ length: 16 }, async (_, worker) => {
        for (let n = worker; n < 200; n += 16) {
          const token = tokens[Math.floor(n / 2) % 2];
          const { status, body } = await system.gateway(n).run("Snapshot", {}, token);
          if (status !== 200 || JSON.stringify(body) !== JSON.stringify(expected[token])) wrong += 1;
          done += 1;
        }
      }),
    );
    expect({ done, wrong }).toEqual({ done: 200, wrong: 0 });
    const identityServed = system.balancers.identity.servedBy().map((count, i) => count - served.identity[i]);
    const vehiclesServed = system.balancers["vehicle-account"].servedBy().map((count, i) => count - served.vehicles[i]);
    expect(identityServed).toEqual([100, 100]);
    expect(vehiclesServed).toEqual([100, 100]);
  });

  it("ends a session opened through one gateway through the other, at once for both", async () => {
    const dana = await signIn(a, DANA, "dana.w", { name: "Dana's laptop", platform: "WEB" });
    const second = (await login(b, "dana.w", GOOD_PASSWORD, dana.deviceToken)).session.accessToken as string;
    expect(await meId(a, second)).not.toBeNull();
    expect((await b.run("Logout", {}, dana.accessToken)).body.data!.logout.loggedOut).toBe(true);
    expect(await meId(a, dana.accessToken)).toBeNull();
    expect(await meId(b, dana.accessToken)).toBeNull();
    expect((await a.run("LogoutEverywhere", {}, second)).body.data!.logoutEverywhere.loggedOut).toBe(true);
    expect(await meId(b, second)).toBeNull();
  });

  it("accepts a mutation's credential once across instances: replayed to the other instance, it is refused (401)", async () => {
    const dana = await signIn(b, DANA, "dana.w", { name: "Dana's tablet", platform: "ANDROID" });
    await a.run("RemoveDevice", { id: "00000000-0000-4000-8000-000000000000" }, dana.accessToken);
    const balancer = system.balancers["device-trust"];
    const removal = balancer.requests.filter((request) => request.body.includes("removeDevice")).at(-1)!;
    const response = await fetch(balancer.instances[1 - removal.instance], {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: removal.headers[GATEWAY_CREDENTIAL_HEADER] as string },
      body: removal.body,
    });
    expect(response.status).toBe(401);
  });

  it("finds a trusted document by its hash on either gateway, and registers an unknown one on neither", async () => {
    const token = (await signIn(a, SOLO, "sol.single")).accessToken;
    const hash = await documentHash(String(SnapshotDocument));
    for (const gateway of [a, b]) expect((await gateway.post(byHash(hash), token)).body.data!.me.vehicleAccounts).toHaveLength(1);
    const unknown = "query JustMe { me { id } }";
    const unknownHash = await documentHash(unknown);
    // Sent in full with its hash (as Apollo's persisted queries register one): it runs, and is kept nowhere.
    expect((await a.post({ query: unknown, ...byHash(unknownHash) }, token)).body.data!.me.id).toEqual(expect.any(String));
    for (const gateway of [a, b]) {
      const { body } = await gateway.post(byHash(unknownHash), token);
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    }
  });

  it("spread every service's requests over both its instances, identity's internal calls included", async () => {
    for (const balancer of Object.values(system.balancers)) {
      expect(balancer.instances).toHaveLength(2);
      expect(balancer.servedBy().every((count) => count > 0)).toBe(true);
    }
    // The Auto enrollments' look-ups and Snapshot entries, from both identity instances.
    expect(system.balancers["vehicle-account"].servedBy(/enrollmentAccountCheck|addToSnapshot/).every((count) => count > 0)).toBe(true);
    // Logins with a registered device: identity asks device-trust, on each instance in turn.
    const dana = await signIn(a, DANA, "dana.w", { name: "Dana's phone", platform: "IOS" });
    const { served } = await servedDuring("device-trust", async () => {
      for (let i = 0; i < 4; i++) expect((await login(system.gateway(i), "dana.w", GOOD_PASSWORD, dana.deviceToken)).__typename).toBe("LoginSucceeded");
    });
    expect(served.every((count) => count >= 2)).toBe(true);
  });
});
