// Credentials captured between the services, as a network neighbour would, then replayed straight
// to a subgraph: each is worth nothing for any request but the one it was made for.
import { randomUUID } from "node:crypto";
import { CLOCK_SKEW_MS, closeRedis, CREDENTIAL_LIFETIME_MS, type ForwardedSession, GATEWAY_CREDENTIAL_HEADER, SessionStore, sessionLifetimes } from "@oa/platform";
import { gatewayHeaders } from "@oa/platform/testing";
import { DANA, GOOD_PASSWORD, SOLO, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { type GraphQLResponse, TestSystem } from "../support/system";
import type { TappedRequest, Wiretap } from "../support/wiretap";

interface Person {
  username: string;
  userId: string;
  deviceToken: string;
  deviceId: string;
}

const ME_ID = "{ me { id } }";

describe("a credential captured between services", () => {
  let system: TestSystem;
  let deviceTrust: Wiretap;
  let identity: Wiretap;
  let dana: Person;
  let sol: Person;

  beforeAll(async () => {
    // Step-ups register the devices the attacks aim at: more codes than a person's default budget.
    system = await TestSystem.start({ securityCodeMaxSends: 50 }, testRecords(), { tap: ["identity", "device-trust", "vehicle-account"] });
    deviceTrust = system.taps["device-trust"]!;
    identity = system.taps.identity!;
    dana = await enrolled(DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    sol = await enrolled(SOLO, "sol.single", { accountType: "BANK", accountNumber: "2100000004" });
    await system.run("AddVehicle", { input: { accountNumber: "AV-0000000101" } }, await signedIn(dana));
    await system.run("AddVehicle", { input: { accountNumber: "AV-0000000401" } }, await signedIn(sol));
  });
  afterAll(() => system.stop());

  async function enrolled(person: typeof DANA | typeof SOLO, username: string, account: Record<string, string>): Promise<Person> {
    expect((await enroll(system, person, username, account)).__typename).toBe("EnrollmentSucceeded");
    const { accessToken, deviceToken, deviceId } = await signIn(system, person, username, { name: "Phone", platform: "IOS" });
    const { body } = await system.post<{ me: { id: string } }>({ query: ME_ID }, accessToken);
    return { username, userId: body.data!.me.id, deviceToken: deviceToken!, deviceId: deviceId! };
  }

  /** A new session from the remembered device: no step-up, so it is quick. */
  async function signedIn(person: Person): Promise<string> {
    const { body } = await system.run("Login", { input: { username: person.username, password: GOOD_PASSWORD, deviceToken: person.deviceToken } });
    expect(body.data!.login.__typename).toBe("LoginSucceeded");
    return body.data!.login.session.accessToken as string;
  }

  /** A further device of Dana's, registered through step-up: what an attack aims at, never the one she signs in with. */
  async function anotherDevice(): Promise<string> {
    return (await signIn(system, DANA, dana.username, { name: "Tablet", platform: "ANDROID" })).deviceId!;
  }

  async function devicesOf(person: Person): Promise<string[]> {
    const { body } = await system.run("Snapshot", {}, await signedIn(person));
    return body.data!.me.devices.map((device: { id: string }) => device.id);
  }

  /** Sends a captured request again, straight to a subgraph (by default the one it was captured for), optionally with another body. */
  async function replay(captured: TappedRequest, options: { to?: string; body?: string } = {}): Promise<GraphQLResponse> {
    const response = await fetch(options.to ?? directUrlOf(captured), {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: captured.headers[GATEWAY_CREDENTIAL_HEADER] as string },
      body: options.body ?? captured.body,
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse["body"] };
  }

  function directUrlOf(captured: TappedRequest): string {
    const name = (Object.keys(system.taps) as (keyof typeof system.taps)[]).find((tapName) => system.taps[tapName]!.requests.includes(captured));
    return system.directUrls[name!];
  }

  /** Asserts the capture is still within its lifetime, so a refusal is not merely its age. */
  function expectFresh(captured: TappedRequest) {
    expect(Date.now() - captured.at).toBeLessThan(CREDENTIAL_LIFETIME_MS);
  }

  it("is refused (401) with another body: removeDevice of another id, _entities of another user", async () => {
    const target = await anotherDevice();
    const token = await signedIn(dana);
    const removeUnknown = await system.run("RemoveDevice", { id: randomUUID() }, token);
    expect(removeUnknown.body.data!.removeDevice.__typename).toBe("DeviceNotFound");
    const removal = deviceTrust.last("removeDevice");
    const aimedAtRealDevice = removal.body.replace(/"id":"[^"]+"/, `"id":"${target}"`);
    expect(aimedAtRealDevice).not.toBe(removal.body);
    expectFresh(removal);
    expect((await replay(removal, { body: aimedAtRealDevice })).status).toBe(401);

    await system.run("Snapshot", {}, token);
    const entities = deviceTrust.last("_entities");
    expect(entities.body).toContain(dana.userId);
    expectFresh(entities);
    expect((await replay(entities, { body: entities.body.split(dana.userId).join(sol.userId) })).status).toBe(401);
    expect(await devicesOf(dana)).toContain(target);
  });

  it("is refused (401) for the exact same mutation once it was used", async () => {
    await system.run("RemoveDevice", { id: randomUUID() }, await signedIn(dana));
    const removal = deviceTrust.last("removeDevice");
    expectFresh(removal);
    expect((await replay(removal)).status).toBe(401);
  });

  it("changes nothing after logout, even when intercepted before it was ever used (UNAUTHENTICATED)", async () => {
    const target = await anotherDevice();
    const token = await signedIn(dana);
    deviceTrust.hold((request) => request.body.includes("removeDevice"));
    try {
      const intercepted = await system.run("RemoveDevice", { id: target }, token);
      expect(intercepted.body.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      deviceTrust.hold(null);
    }
    const stolen = deviceTrust.last("removeDevice");
    expect(stolen.held).toBe(true);
    expect((await system.run("Logout", {}, token)).body.data).toEqual({ logout: { loggedOut: true } });

    expectFresh(stolen);
    const replayed = await replay(stolen);
    expect(replayed.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(replayed.body.data ?? null).toBeNull();
    expect(await devicesOf(dana)).toContain(target);
  });

  it("reads nothing once its seconds are over (401)", async () => {
    await system.run("Snapshot", {}, await signedIn(dana));
    const entities = deviceTrust.last("_entities");
    // Within its seconds the same read answers as it just did to the gateway: nothing more.
    const atOnce = await replay(entities);
    expect(atOnce.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, CREDENTIAL_LIFETIME_MS + CLOCK_SKEW_MS + 500));
    const late = await replay(entities);
    expect({ status: late.status, data: late.body.data }).toEqual({ status: 401, data: undefined });
  });

  it("from identity's internal call cannot register a device for another user, nor again for the same one", async () => {
    const before = await devicesOf(sol);
    await signIn(system, DANA, dana.username, { name: "Laptop", platform: "WEB" });
    const registration = deviceTrust.last("registerDevice");
    expect(registration.body).toContain(dana.userId);
    expectFresh(registration);
    const forSol = await replay(registration, { body: registration.body.split(dana.userId).join(sol.userId) });
    expect(forSol.status).toBe(401);
    const again = await replay(registration);
    expect(again.status).toBe(401);
    expect(await devicesOf(sol)).toEqual(before);
  });

  it("from identity's internal look-up cannot become another internal call (401)", async () => {
    await signedIn(dana);
    const lookUp = deviceTrust.last("useTrustedDevice");
    const registerForSol = JSON.stringify({
      query: 'mutation ($userId: ID!) { registerDevice(userId: $userId, name: "Evil", platform: WEB) { deviceToken } }',
      variables: { userId: sol.userId },
    });
    expectFresh(lookUp);
    expect((await replay(lookUp, { body: registerForSol })).status).toBe(401);
  });

  it("for one subgraph is refused by the others (401)", async () => {
    await system.run("Snapshot", {}, await signedIn(dana));
    const me = identity.last("me");
    const devices = deviceTrust.last("_entities");
    expectFresh(me);
    expect((await replay(me, { to: system.directUrls["device-trust"] })).status).toBe(401);
    expect((await replay(me, { to: system.directUrls["vehicle-account"] })).status).toBe(401);
    expect((await replay(devices, { to: system.directUrls["vehicle-account"] })).status).toBe(401);
    expect((await replay(devices, { to: system.directUrls.identity })).status).toBe(401);
  });

  describe("signed afresh for user A", () => {
    let redisSessions: SessionStore;
    let danaSession: ForwardedSession;
    const redis = () => system.redis();
    let client: ReturnType<typeof redis>;

    beforeAll(async () => {
      client = redis();
      redisSessions = new SessionStore(client, system.settings.redisKeyPrefix, sessionLifetimes(system.settings));
      danaSession = (await redisSessions.find(await signedIn(dana)))!;
    });
    afterAll(() => closeRedis(client));

    /** An `_entities` request to one subgraph, signed for it as the gateway would, with Dana's session. */
    async function entitiesAsDana(name: "identity" | "device-trust" | "vehicle-account", selection: string, representations: object[]) {
      const body = JSON.stringify({ query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: representations } });
      const response = await fetch(system.directUrls[name], { method: "POST", headers: gatewayHeaders(system.settings, name, danaSession)(body), body });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as GraphQLResponse<{ _entities: unknown[] }>["body"];
      expect(answer.errors).toBeUndefined();
      return answer.data!._entities;
    }

    it("resolves no other user's User, Device or VehicleAccount", async () => {
      const solSnapshot = (await system.run("Snapshot", {}, await signedIn(sol))).body.data!.me;
      const danaSnapshot = (await system.run("Snapshot", {}, await signedIn(dana))).body.data!.me;
      const solAccountId = solSnapshot.vehicleAccounts[0].id as string;
      const danaAccountIds = danaSnapshot.vehicleAccounts.map((account: { id: string }) => ({ id: account.id }));

      expect(
        await entitiesAsDana("identity", "... on User { id username firstName }", [
          { __typename: "User", id: sol.userId },
          { __typename: "User", id: dana.userId },
        ]),
      ).toEqual([null, { id: dana.userId, username: "dana.w", firstName: DANA.firstName }]);
      expect(
        await entitiesAsDana("device-trust", "... on Device { id name } ... on User { devices { id } }", [
          { __typename: "Device", id: sol.deviceId },
          { __typename: "User", id: sol.userId },
          { __typename: "Device", id: dana.deviceId },
        ]),
      ).toEqual([null, { devices: [] }, { id: dana.deviceId, name: "Phone" }]);
      expect(
        await entitiesAsDana("vehicle-account", "... on VehicleAccount { id } ... on User { vehicleAccounts { id } }", [
          { __typename: "VehicleAccount", id: solAccountId },
          { __typename: "User", id: sol.userId, customerId: SOLO.customerId },
          // A forged customerId changes nothing: the session's customer is the one that counts.
          { __typename: "User", id: dana.userId, customerId: SOLO.customerId },
        ]),
      ).toEqual([null, { vehicleAccounts: [] }, { vehicleAccounts: danaAccountIds }]);
    });
  });
});

describe("a captured credential of a session that has expired", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ sessionTtlSeconds: 3 }, testRecords(), { tap: ["device-trust"] });
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
  });
  afterAll(() => system.stop());

  it("reads no devices once the session's expiresAt is past, though the credential is fresh", async () => {
    const { accessToken } = await signIn(system, DANA, "dana.w", { name: "Phone", platform: "IOS" });
    const client = system.redis();
    const session = await new SessionStore(client, system.settings.redisKeyPrefix, sessionLifetimes(system.settings)).find(accessToken);
    await closeRedis(client);
    const snapshot = await system.run("Snapshot", {}, accessToken);
    expect(snapshot.body.data!.me.devices).toHaveLength(1);
    const entities = system.taps["device-trust"]!.last("_entities");

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(session!.expiresAt) - Date.now()) + 100));
    expect(Date.now() - entities.at).toBeLessThan(CREDENTIAL_LIFETIME_MS);
    const response = await fetch(system.directUrls["device-trust"], {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: String(entities.headers[GATEWAY_CREDENTIAL_HEADER]) },
      body: entities.body,
    });
    const answer = (await response.json()) as { data: { _entities: { devices: unknown[] }[] } };
    expect(answer.data._entities[0].devices).toEqual([]);
  });
});
