import { randomBytes, randomUUID } from "node:crypto";
import { closeRedis, createRedis, type RedisClient } from "./redis";
import { DeviceSessionsEndedError, sessionExpired, SessionStore } from "./sessions";
import { TEST_REDIS_URL } from "./testing";

// On the real server and on the in-process store `npm start` uses.
describe.each([
  ["Redis", TEST_REDIS_URL],
  ["the in-process store", undefined],
])("SessionStore on %s", (_name, redisUrl) => {
  const prefix = `oa-test-sessions-${randomBytes(4).toString("hex")}:`;
  let redis: RedisClient;
  const store = (idleSeconds = 900, maxSeconds = 43_200) => new SessionStore(redis, prefix, { idleSeconds, maxSeconds });

  beforeAll(() => {
    redis = createRedis({ redisUrl });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  it("opens a session found by its token only, keeping a hash of the token, never the token", async () => {
    const sessions = store();
    const userId = randomUUID();
    const { accessToken, session } = await sessions.create({ userId, customerId: "C-1", deviceId: null });
    expect(session).toMatchObject({ userId, customerId: "C-1", deviceId: null, delivery: "BEARER" });
    expect(await sessions.find(accessToken)).toEqual(session);
    expect(await sessions.find("x".repeat(43))).toBeNull();
    expect(await sessions.find("not a token")).toBeNull();
    expect(JSON.stringify(await redis.keys(`${prefix}*`))).not.toContain(accessToken);
  });

  it("moves the end on with use, at most once per slide interval, never past the absolute end", async () => {
    const sessions = store(10, 25); // slides at most once a second
    const start = Date.now();
    const { accessToken, session } = await sessions.create({ userId: randomUUID(), customerId: "C-1", deviceId: null }, start);
    expect(Date.parse(session.expiresAt)).toBe(start + 10_000);
    expect(Date.parse(session.endsAt)).toBe(start + 25_000);
    // Within the interval: nothing written.
    expect((await sessions.find(accessToken, start + 500))?.expiresAt).toBe(session.expiresAt);
    const slid = await sessions.find(accessToken, start + 8_000);
    expect(Date.parse(slid!.expiresAt)).toBe(start + 18_000);
    expect(slid!.lastSeenAt).toBe(new Date(start + 8_000).toISOString());
    expect(Date.parse((await sessions.find(accessToken, start + 17_000))!.expiresAt)).toBe(start + 25_000);
    expect(await sessions.find(accessToken, start + 25_000)).toBeNull();
  });

  it("ends a session unused for the idle time", async () => {
    const sessions = store(1, 60);
    const { accessToken } = await sessions.create({ userId: randomUUID(), customerId: "C-1", deviceId: null });
    await new Promise((resolve) => setTimeout(resolve, 1_150));
    expect(await sessions.find(accessToken)).toBeNull();
  });

  it("lists a user's live sessions, newest first, and ends all, all but one, or one device's", async () => {
    const sessions = store();
    const userId = randomUUID();
    const now = Date.now();
    const opened = [];
    for (const [i, deviceId] of ["d-1", null, "d-1", "d-2"].entries()) {
      opened.push(await sessions.create({ userId, customerId: "C-1", deviceId, delivery: i === 1 ? "COOKIE" : "BEARER" }, now + i));
    }
    const other = await sessions.create({ userId: randomUUID(), customerId: "C-2", deviceId: null });
    expect((await sessions.listOf(userId)).map((session) => session.id)).toEqual(opened.map((o) => o.session.id).reverse());

    expect(await sessions.revokeAll(userId, { deviceId: "d-1" })).toEqual(expect.arrayContaining([opened[0].session.id, opened[2].session.id]));
    expect((await sessions.listOf(userId)).map((session) => session.deviceId)).toEqual(["d-2", null]);
    expect(await sessions.revokeAll(userId, { except: opened[3].session.id })).toEqual([opened[1].session.id]);
    expect(await sessions.find(opened[1].accessToken)).toBeNull();
    expect(await sessions.revokeAll(userId)).toEqual([opened[3].session.id]);
    expect(await sessions.listOf(userId)).toEqual([]);
    expect(await sessions.find(other.accessToken)).not.toBeNull();
  });

  it("ends one session at once and never brings it back by a later use", async () => {
    const sessions = store(10, 60);
    const start = Date.now();
    const userId = randomUUID();
    const { accessToken, session } = await sessions.create({ userId, customerId: "C-1", deviceId: null }, start);
    expect(await sessions.isLive(session.id)).toBe(true);
    expect(await sessions.revoke(session.id)).toBe(true);
    expect(await sessions.revoke(session.id)).toBe(false);
    expect(await sessions.isLive(session.id)).toBe(false);
    expect(await sessions.find(accessToken, start + 5_000)).toBeNull();
    expect(await redis.exists(`${prefix}identity:session:${session.id}`)).toBe(0);
    expect(await sessions.listOf(userId)).toEqual([]);
  });

  describe("refresh chains", () => {
    const onDevice = async (sessions: SessionStore, userId = randomUUID(), deviceId = randomUUID()) => {
      const opened = await sessions.create({ userId, customerId: "C-1", deviceId });
      return { ...opened, userId, deviceId, refreshToken: (await sessions.startRefreshChain(opened.session))! };
    };

    it("trades the current token once for a new session and token, ending the session it came with", async () => {
      const sessions = store();
      const first = await onDevice(sessions);
      const found = await sessions.refreshChains.lookup(first.refreshToken);
      expect(found).toMatchObject({ state: "current", chain: { userId: first.userId, deviceId: first.deviceId, sessionId: first.session.id } });
      if (found.state !== "current") throw new Error("not current");
      const renewal = await sessions.renew(found.chain, first.refreshToken);
      if (!("renewed" in renewal)) throw new Error(`lost: ${renewal.lost}`);
      expect(renewal.renewed.session).toMatchObject({ userId: first.userId, deviceId: first.deviceId, delivery: "BEARER" });
      expect(await sessions.find(first.accessToken)).toBeNull();
      expect(await sessions.find(renewal.renewed.accessToken)).not.toBeNull();
      // The traded token is now recognised as reused; the new one is current.
      expect((await sessions.refreshChains.lookup(first.refreshToken)).state).toBe("reused");
      expect(await sessions.refreshChains.lookup(renewal.renewed.refreshToken)).toMatchObject({ state: "current", chain: { sessionId: renewal.renewed.session.id } });
      // Trading the old token again loses: someone else traded it.
      expect(await sessions.renew(found.chain, first.refreshToken)).toEqual({ lost: "reused" });
    });

    it("ends a chain with its session (revoke), with its user's sessions (revokeAll) and with its device", async () => {
      const sessions = store();
      const one = await onDevice(sessions);
      await sessions.revoke(one.session.id);
      expect((await sessions.refreshChains.lookup(one.refreshToken)).state).toBe("unknown");

      const userId = randomUUID();
      const laptop = await onDevice(sessions, userId);
      const kept = await sessions.create({ userId, customerId: "C-1", deviceId: laptop.deviceId });
      expect((await sessions.selected(userId, { deviceId: laptop.deviceId })).sessions.map((session) => session.id).sort()).toEqual([laptop.session.id, kept.session.id].sort());
      expect(await sessions.revokeAll(userId, { except: kept.session.id })).toEqual([laptop.session.id]);
      expect((await sessions.refreshChains.lookup(laptop.refreshToken)).state).toBe("unknown");
      expect(await sessions.find(kept.accessToken)).not.toBeNull();
    });

    it("outlives its session's idle end, and still ends with its device", async () => {
      const sessions = store(1, 60);
      const phone = await onDevice(sessions);
      await new Promise((resolve) => setTimeout(resolve, 1_150));
      expect(await sessions.find(phone.accessToken)).toBeNull();
      expect((await sessions.refreshChains.lookup(phone.refreshToken)).state).toBe("current");
      expect((await sessions.selected(phone.userId, { deviceId: phone.deviceId })).refreshChains).toHaveLength(1);
      await sessions.revokeAll(phone.userId, { deviceId: phone.deviceId });
      expect((await sessions.refreshChains.lookup(phone.refreshToken)).state).toBe("unknown");
    });

    it("keeps a chain paired with the kept session when all others end", async () => {
      const sessions = store();
      const userId = randomUUID();
      const app = await onDevice(sessions, userId);
      const other = await onDevice(sessions, userId);
      await sessions.revokeAll(userId, { except: app.session.id });
      expect((await sessions.refreshChains.lookup(app.refreshToken)).state).toBe("current");
      expect((await sessions.refreshChains.lookup(other.refreshToken)).state).toBe("unknown");
    });

    it("starts no chain for a session that has ended", async () => {
      const sessions = store();
      const { session } = await sessions.create({ userId: randomUUID(), customerId: "C-1", deviceId: randomUUID() });
      await sessions.revoke(session.id);
      expect(await sessions.startRefreshChain(session)).toBeNull();
      expect(await sessions.refreshChains.listOf(session.userId)).toEqual([]);
    });

    it("bars sessions on a device whose sessions were just ended (its removal), and no other", async () => {
      const sessions = store();
      const userId = randomUUID();
      const deviceId = randomUUID();
      await sessions.revokeAll(userId, { deviceId });
      await expect(sessions.create({ userId, customerId: "C-1", deviceId })).rejects.toBeInstanceOf(DeviceSessionsEndedError);
      expect(await sessions.listOf(userId)).toEqual([]);
      await expect(sessions.create({ userId, customerId: "C-1", deviceId: randomUUID() })).resolves.toBeDefined();
      await expect(sessions.create({ userId: randomUUID(), customerId: "C-2", deviceId })).resolves.toBeDefined();
    });

    it("keeps only hashes of refresh tokens", async () => {
      const sessions = store();
      const { refreshToken } = await onDevice(sessions);
      const keys = await redis.keys(`${prefix}*`);
      const values = await Promise.all(
        keys.map(async (key) => ((await redis.type(key)) === "hash" ? JSON.stringify(await redis.hgetall(key)) : (await redis.type(key)) === "string" ? await redis.get(key) : "")),
      );
      expect(keys.join() + values.join()).not.toContain(refreshToken);
    });

    it("never slides with slideEveryMs Infinity (the benchmark's store from before)", async () => {
      const sessions = new SessionStore(redis, prefix, { idleSeconds: 10, maxSeconds: 60 }, { slideEveryMs: Number.POSITIVE_INFINITY });
      const start = Date.now();
      const { accessToken, session } = await sessions.create({ userId: randomUUID(), customerId: "C-1", deviceId: null }, start);
      expect((await sessions.find(accessToken, start + 8_000))?.expiresAt).toBe(session.expiresAt);
    });
  });

  it("tells an expired forwarded session", () => {
    expect(sessionExpired({ id: "s", userId: "u", customerId: "c", deviceId: null, expiresAt: new Date(Date.now() - 1).toISOString() })).toBe(true);
    expect(sessionExpired({ id: "s", userId: "u", customerId: "c", deviceId: null, expiresAt: new Date(Date.now() + 60_000).toISOString() })).toBe(false);
  });
});
