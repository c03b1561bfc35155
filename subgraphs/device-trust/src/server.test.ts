import { randomUUID } from "node:crypto";
import { type ForwardedSession, GATEWAY_CREDENTIAL_HEADER, type RunningService, SessionStore, sessionLifetimes, signGatewayCredential, type SubgraphService } from "@oa/platform";
import { createTestDatabase, gatewayHeaders, postGraphQL, type TestDatabase, testSettings } from "@oa/platform/testing";
import { Client } from "pg";
import { createDeviceTrustService } from "./server";
import { type IdentityStandIn, startIdentityStandIn } from "./testing/identity-stand-in";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const REGISTER = `mutation ($userId: ID!, $name: String!, $platform: DevicePlatform!) {
  registerDevice(userId: $userId, name: $name, platform: $platform) {
    deviceToken
    device { id name platform registeredAt lastUsedAt current }
  }
}`;
const USE = `mutation ($userId: ID!, $deviceToken: String!) { useTrustedDevice(userId: $userId, deviceToken: $deviceToken) }`;
const REMOVE = `mutation ($id: ID!) {
  removeDevice(id: $id) { __typename ... on DeviceRemoved { id } ... on DeviceNotFound { id } }
}`;
const USER_DEVICES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on User { id devices { id name platform registeredAt lastUsedAt current } }
  }
}`;
const DEVICES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Device { id name lastUsedAt current } }
}`;

interface DeviceFields {
  id: string;
  name: string;
  platform: string;
  registeredAt: string;
  lastUsedAt: string | null;
  current: boolean;
}

describe("device-trust subgraph service", () => {
  let database: TestDatabase;
  let service: SubgraphService;
  let running: RunningService;
  let statements: string[] = [];
  let identity: IdentityStandIn;
  const settings = testSettings();

  beforeAll(async () => {
    database = await createTestDatabase();
    identity = await startIdentityStandIn(settings.gatewaySecret);
    service = await createDeviceTrustService({ ...settings, databaseUrl: database.url }, { onQuery: (sql) => statements.push(sql), identityUrl: identity.url });
    await service.migrate();
    running = await service.listen(0, "127.0.0.1");
  });

  afterAll(async () => {
    await service.close();
    await identity.close();
    await database.drop();
  });

  /** A session as the gateway forwards it; enough for reads, which need not find it in Redis. */
  function sessionOf(userId: string, deviceId: string | null = null): ForwardedSession {
    return { id: randomUUID(), userId, customerId: "C-100001", deviceId, expiresAt: new Date(Date.now() + 60_000).toISOString() };
  }

  /** A session opened in Redis, as identity opens them: what a mutation needs to find still live. */
  async function liveSessionOf(userId: string): Promise<ForwardedSession> {
    return (await sessions().create({ userId, customerId: "C-100001", deviceId: null })).session;
  }

  const sessions = () => new SessionStore(service.redis, settings.redisKeyPrefix, sessionLifetimes(settings));

  function call<T>(query: string, variables: Record<string, unknown> = {}, session: ForwardedSession | null = null) {
    return postGraphQL<T>(running.url, query, variables, gatewayHeaders(settings, "device-trust", session));
  }

  /** Calls an internal field as identity does: the only caller allowed them. */
  function callAsIdentity<T>(query: string, variables: Record<string, unknown> = {}) {
    return postGraphQL<T>(running.url, query, variables, gatewayHeaders(settings, "device-trust", null, "identity"));
  }

  async function register(userId: string, name = "Work laptop", platform = "WEB") {
    const { body } = await callAsIdentity<{ registerDevice: { deviceToken: string; device: DeviceFields } }>(REGISTER, { userId, name, platform });
    expect(body.errors).toBeUndefined();
    return body.data!.registerDevice;
  }

  async function useTrusted(userId: string, deviceToken: string): Promise<string | null> {
    const { body } = await callAsIdentity<{ useTrustedDevice: string | null }>(USE, { userId, deviceToken });
    expect(body.errors).toBeUndefined();
    return body.data!.useTrustedDevice;
  }

  async function deviceById(id: string, session: ForwardedSession | null = null) {
    const { body } = await call<{ _entities: (DeviceFields | null)[] }>(DEVICES, { representations: [{ __typename: "Device", id }] }, session);
    expect(body.errors).toBeUndefined();
    return body.data!._entities[0];
  }

  async function devicesOf(userId: string, session: ForwardedSession | null) {
    const { body } = await call<{ _entities: { id: string; devices: DeviceFields[] }[] }>(USER_DEVICES, { representations: [{ __typename: "User", id: userId }] }, session);
    expect(body.errors).toBeUndefined();
    return body.data!._entities[0].devices;
  }

  async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it("refuses a request without the gateway credential with 401", async () => {
    const { status } = await postGraphQL(running.url, REMOVE, { id: randomUUID() });
    expect(status).toBe(401);
  });

  it("refuses a credential signed with another secret", async () => {
    const forged = gatewayHeaders({ ...settings, gatewaySecret: "another-secret-of-at-least-32-characters!" }, "device-trust", sessionOf(randomUUID()));
    const { status } = await postGraphQL(running.url, REMOVE, { id: randomUUID() }, forged);
    expect(status).toBe(401);
  });

  it("answers a gateway-signed call to an internal field with FORBIDDEN and changes nothing", async () => {
    const userId = randomUUID();
    const { deviceToken, device } = await register(userId);

    const registering = await call(REGISTER, { userId, name: "Planted", platform: "WEB" }, sessionOf(userId));
    expect(registering.body.data).toBeNull();
    expect(registering.body.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);

    const using = await call(USE, { userId, deviceToken }, sessionOf(userId));
    expect(using.body.data).toEqual({ useTrustedDevice: null });
    expect(using.body.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);

    const rows = await sql<{ id: string; last_used_at: Date | null }>("SELECT id, last_used_at FROM device_trust.devices WHERE user_id = $1", [userId]);
    expect(rows).toEqual([{ id: device.id, last_used_at: null }]);
  });

  it("registers a device, stores only the token's hash and returns the token once", async () => {
    const userId = randomUUID();
    const { deviceToken, device } = await register(userId, "  Jo's iPhone  ", "IOS");
    expect(deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(device).toEqual({ id: expect.any(String), name: "Jo's iPhone", platform: "IOS", registeredAt: expect.stringMatching(ISO_UTC), lastUsedAt: null, current: false });

    const rows = await sql<Record<string, unknown>>("SELECT * FROM device_trust.devices WHERE id = $1", [device.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].user_id).toBe(userId);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(deviceToken);
  });

  it("gives a different token to every registration", async () => {
    const userId = randomUUID();
    const tokens = new Set([(await register(userId)).deviceToken, (await register(userId)).deviceToken]);
    expect(tokens.size).toBe(2);
  });

  it("trusts a registered token for its user and stamps lastUsedAt", async () => {
    const userId = randomUUID();
    const { deviceToken, device } = await register(userId);
    const before = Date.now();
    expect(await useTrusted(userId, deviceToken)).toBe(device.id);
    const used = await deviceById(device.id, sessionOf(userId));
    expect(used?.lastUsedAt).toMatch(ISO_UTC);
    // The stamp comes from the database clock; allow a little drift between the two clocks.
    expect(Math.abs(Date.parse(used!.lastUsedAt!) - before)).toBeLessThan(10_000);
  });

  it("never trusts a token for another user, and then stamps nothing", async () => {
    const owner = randomUUID();
    const { deviceToken, device } = await register(owner);
    expect(await useTrusted(randomUUID(), deviceToken)).toBeNull();
    expect((await deviceById(device.id, sessionOf(owner)))?.lastUsedAt).toBeNull();
  });

  it("does not trust an unknown, malformed or empty token, or a user id that is not one", async () => {
    const userId = randomUUID();
    const { deviceToken } = await register(userId);
    expect(await useTrusted(userId, "A".repeat(43))).toBeNull();
    expect(await useTrusted(userId, `${deviceToken}x`)).toBeNull();
    expect(await useTrusted(userId, "")).toBeNull();
    expect(await useTrusted("not-a-uuid", deviceToken)).toBeNull();
  });

  it("lists a user's registered device ids to identity only", async () => {
    const userId = randomUUID();
    const [first, second] = [await register(userId), await register(userId, "Phone", "IOS")];
    await register(randomUUID()); // someone else's
    const IDS = `query ($userId: ID!) { registeredDeviceIds(userId: $userId) }`;
    const { body } = await callAsIdentity<{ registeredDeviceIds: string[] }>(IDS, { userId });
    expect(body.errors).toBeUndefined();
    expect([...body.data!.registeredDeviceIds].sort()).toEqual([first.device.id, second.device.id].sort());
    expect((await callAsIdentity<{ registeredDeviceIds: string[] }>(IDS, { userId: "not-a-uuid" })).body.data).toEqual({ registeredDeviceIds: [] });
    const asGateway = await call(IDS, { userId }, sessionOf(userId));
    expect(asGateway.body.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("removes the owner's device, after which its token no longer skips step-up", async () => {
    const userId = randomUUID();
    const { deviceToken, device } = await register(userId);
    const session = await liveSessionOf(userId);
    const callsBefore = identity.calls.length;
    const { body } = await call(REMOVE, { id: device.id }, session);
    expect(body).toEqual({ data: { removeDevice: { __typename: "DeviceRemoved", id: device.id } } });
    expect(await useTrusted(userId, deviceToken)).toBeNull();
    expect(await sql("SELECT id FROM device_trust.devices WHERE id = $1", [device.id])).toEqual([]);
    // identity was asked first to end the device's sessions, by device-trust, for this one field.
    expect(identity.calls.slice(callsBefore)).toEqual([
      { caller: "device-trust", purpose: "endDeviceSessions", variables: { userId, deviceId: device.id, deviceName: "Work laptop", clientAddress: "127.0.0.1" } },
    ]);

    const again = await call(REMOVE, { id: device.id }, session);
    expect(again.body).toEqual({ data: { removeDevice: { __typename: "DeviceNotFound", id: device.id } } });
    expect(identity.calls).toHaveLength(callsBefore + 1);
  });

  it("keeps the device when identity cannot end its sessions: no device goes while a session on it lives on", async () => {
    const userId = randomUUID();
    const { deviceToken, device } = await register(userId);
    identity.failing = true;
    try {
      const { body } = await call(REMOVE, { id: device.id }, await liveSessionOf(userId));
      expect(body.data).toBeNull();
      expect(body.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      identity.failing = false;
    }
    expect(await useTrusted(userId, deviceToken)).toBe(device.id);
  });

  it("answers DeviceNotFound for another user's device and removes nothing", async () => {
    const owner = randomUUID();
    const { deviceToken, device } = await register(owner);
    const callsBefore = identity.calls.length;
    const { body } = await call(REMOVE, { id: device.id }, await liveSessionOf(randomUUID()));
    expect(body).toEqual({ data: { removeDevice: { __typename: "DeviceNotFound", id: device.id } } });
    expect(await sql("SELECT id FROM device_trust.devices WHERE id = $1", [device.id])).toHaveLength(1);
    expect(await useTrusted(owner, deviceToken)).toBe(device.id);
    // Nobody else's sessions are ended either.
    expect(identity.calls).toHaveLength(callsBefore);
  });

  it("answers DeviceNotFound for an unknown id and for one that is not a uuid", async () => {
    const session = await liveSessionOf(randomUUID());
    const unknown = randomUUID();
    expect((await call(REMOVE, { id: unknown }, session)).body).toEqual({
      data: { removeDevice: { __typename: "DeviceNotFound", id: unknown } },
    });
    expect((await call(REMOVE, { id: "1; DROP TABLE x" }, session)).body).toEqual({
      data: { removeDevice: { __typename: "DeviceNotFound", id: "1; DROP TABLE x" } },
    });
  });

  it("refuses removeDevice without a session with UNAUTHENTICATED", async () => {
    const owner = randomUUID();
    const { device } = await register(owner);
    const { status, body } = await call(REMOVE, { id: device.id }, null);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(await sql("SELECT id FROM device_trust.devices WHERE id = $1", [device.id])).toHaveLength(1);
  });

  describe("what a forwarded session is worth", () => {
    it("runs a mutation whose session was revoked (logout) as if it had none, and removes nothing", async () => {
      const owner = randomUUID();
      const { device } = await register(owner);
      const session = await liveSessionOf(owner);
      await sessions().revoke(session.id);
      const { body } = await call(REMOVE, { id: device.id }, session);
      expect(body.data).toBeNull();
      expect(body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(await sql("SELECT id FROM device_trust.devices WHERE id = $1", [device.id])).toHaveLength(1);
    });

    it("is no session once its expiresAt is past, for reads too", async () => {
      const owner = randomUUID();
      const { device } = await register(owner);
      const expired = { ...sessionOf(owner), expiresAt: new Date(Date.now() - 1).toISOString() };
      expect(await devicesOf(owner, expired)).toEqual([]);
      expect(await deviceById(device.id, expired)).toBeNull();
    });

    it("resolves a Device reference only for the session's own user", async () => {
      const owner = randomUUID();
      const { device } = await register(owner, "Mine");
      expect(await deviceById(device.id, sessionOf(owner))).toMatchObject({ id: device.id, name: "Mine" });
      expect(await deviceById(device.id, sessionOf(randomUUID()))).toBeNull();
      expect(await deviceById(device.id, null)).toBeNull();
    });
  });

  describe("a credential", () => {
    const send = (headers: Record<string, string>, body: string) => fetch(running.url, { method: "POST", headers, body }).then((response) => response.status);
    const removal = (id: string) => JSON.stringify({ query: REMOVE, variables: { id } });

    it("is accepted once for a mutation: the exact same request again is refused with 401", async () => {
      const owner = randomUUID();
      const { device } = await register(owner);
      const body = removal(device.id);
      const headers = gatewayHeaders(settings, "device-trust", await liveSessionOf(owner))(body);
      expect(await send(headers, body)).toBe(200);
      const { device: second } = await register(owner);
      expect(await send(headers, body.replace(device.id, second.id))).toBe(401);
      expect(await send(headers, body)).toBe(401);
      expect(await sql("SELECT id FROM device_trust.devices WHERE id = $1", [second.id])).toHaveLength(1);
    });

    it("is refused (401) for another body, another subgraph, another path or another method", async () => {
      const session = await liveSessionOf(randomUUID());
      const body = removal(randomUUID());
      expect(await send(gatewayHeaders(settings, "device-trust", session)(removal(randomUUID())), body)).toBe(401);
      expect(await send(gatewayHeaders(settings, "identity", session)(body), body)).toBe(401);
      expect(await send(gatewayHeaders(settings, "device-trust", session)(body, "/graphql?x=1"), body)).toBe(401);
      const asGet = gatewayHeaders(settings, "device-trust", session)(body);
      const search = new URLSearchParams({ query: USER_DEVICES });
      expect((await fetch(`${running.url}?${search}`, { headers: asGet })).status).toBe(401);
    });

    it("is refused (401) once its seconds are over, or when dated ahead of the clock", async () => {
      const body = JSON.stringify({ query: DEVICES, variables: { representations: [] } });
      const signedAt = (now: number) => ({
        "content-type": "application/json",
        [GATEWAY_CREDENTIAL_HEADER]: signGatewayCredential(
          settings.gatewaySecret,
          { caller: "gateway", session: null, clientIp: null, purpose: null },
          { audience: "device-trust", method: "POST", path: "/graphql", body },
          now,
        ),
      });
      expect(await send(signedAt(Date.now() - 1_000), body)).toBe(200);
      expect(await send(signedAt(Date.now() - 60_000), body)).toBe(401);
      expect(await send(signedAt(Date.now() + 60_000), body)).toBe(401);
    });

    it("from identity for one internal field is refused by another with FORBIDDEN, and changes nothing", async () => {
      const userId = randomUUID();
      const body = JSON.stringify({ query: REGISTER, variables: { userId, name: "Planted", platform: "WEB" } });
      const headers = {
        "content-type": "application/json",
        [GATEWAY_CREDENTIAL_HEADER]: signGatewayCredential(
          settings.gatewaySecret,
          { caller: "identity", session: null, clientIp: null, purpose: "trustedDevice" },
          { audience: "device-trust", method: "POST", path: "/graphql", body },
        ),
      };
      const response = await fetch(running.url, { method: "POST", headers, body });
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors.map((error) => error.extensions.code)).toEqual(["FORBIDDEN"]);
      expect(await sql("SELECT id FROM device_trust.devices WHERE user_id = $1", [userId])).toEqual([]);
    });
  });

  it("lists the signed-in user's devices newest first, marking the session's device as current", async () => {
    const userId = randomUUID();
    const first = await register(userId, "Desk", "WEB");
    const second = await register(userId, "Phone", "ANDROID");
    const third = await register(userId, "Tablet", "IOS");
    await register(randomUUID(), "Someone else's", "WEB");

    const devices = await devicesOf(userId, sessionOf(userId, second.device.id));
    expect(devices.map((device) => device.id)).toEqual([third.device.id, second.device.id, first.device.id]);
    expect(devices.map((device) => device.current)).toEqual([false, true, false]);
    expect(devices[1]).toEqual({ ...second.device, current: true });
    for (const device of devices) expect(device.registeredAt).toMatch(ISO_UTC);
  });

  it("breaks a tie in registeredAt by id", async () => {
    const userId = randomUUID();
    const a = await register(userId, "A");
    const b = await register(userId, "B");
    await sql("UPDATE device_trust.devices SET registered_at = '2026-01-01T00:00:00Z' WHERE user_id = $1", [userId]);
    const expected = [a.device.id, b.device.id].sort().reverse();
    expect((await devicesOf(userId, sessionOf(userId))).map((device) => device.id)).toEqual(expected);
  });

  it("lists no devices of a user other than the signed-in one, nor without a session", async () => {
    const owner = randomUUID();
    await register(owner);
    expect(await devicesOf(owner, sessionOf(randomUUID()))).toEqual([]);
    expect(await devicesOf(owner, null)).toEqual([]);
  });

  it("answers a user without devices with an empty list", async () => {
    const userId = randomUUID();
    expect(await devicesOf(userId, sessionOf(userId))).toEqual([]);
  });

  it("loads the devices of several User representations in one SQL statement", async () => {
    const userId = randomUUID();
    await register(userId);
    await register(userId);
    const others = [randomUUID(), randomUUID(), randomUUID()];
    for (const other of others) await register(other);

    statements = [];
    const representations = [userId, ...others, userId].map((id) => ({ __typename: "User", id }));
    const { body } = await call<{ _entities: { id: string; devices: DeviceFields[] }[] }>(USER_DEVICES, { representations }, sessionOf(userId));
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities.map((user) => user.devices.length)).toEqual([2, 0, 0, 0, 2]);
    expect(statements).toHaveLength(1);
  });

  it("resolves several Device representations in one SQL statement", async () => {
    const userId = randomUUID();
    const devices = [await register(userId, "One"), await register(userId, "Two"), await register(userId, "Three")];
    const ids = [...devices.map(({ device }) => device.id), randomUUID(), "not-a-uuid"];

    statements = [];
    const { body } = await call<{ _entities: ({ id: string; name: string; current: boolean } | null)[] }>(
      DEVICES,
      { representations: ids.map((id) => ({ __typename: "Device", id })) },
      sessionOf(userId, devices[2].device.id),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities.map((device) => device && [device.name, device.current])).toEqual([["One", false], ["Two", false], ["Three", true], null, null]);
    expect(statements).toHaveLength(1);
  });

  it.each([
    ["a blank", "   "],
    ["an empty", ""],
    ["a 65-character", "x".repeat(65)],
    ["a right-to-left override", "Dana\u202Eenohp"],
    ["a zero-width-space", "Dana\u200BPhone"],
  ])("refuses %s device name with BAD_USER_INPUT and writes nothing", async (_, name) => {
    const userId = randomUUID();
    const { body } = await callAsIdentity(REGISTER, { userId, name, platform: "WEB" });
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await sql("SELECT id FROM device_trust.devices WHERE user_id = $1", [userId])).toEqual([]);
  });

  it("accepts a 64-character name once trimmed", async () => {
    const name = "é".repeat(64);
    const { device } = await register(randomUUID(), `  ${name} `);
    expect(device.name).toBe(name);
  });

  it("refuses to register for a user id that is not one", async () => {
    const { body } = await callAsIdentity(REGISTER, { userId: "someone", name: "Phone", platform: "IOS" });
    expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a platform outside the enum", async () => {
    const { status, body } = await callAsIdentity(REGISTER, { userId: randomUUID(), name: "Phone", platform: "WINDOWS" });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("serves /healthz and /readyz", async () => {
    const base = running.url.replace("/graphql", "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: "up", redis: "up" } });
  });
});
