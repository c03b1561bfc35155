import { randomBytes, randomUUID } from "node:crypto";
import { closeRedis, createRedis, type RedisClient } from "./redis";
import { sessionExpired, SessionStore } from "./sessions";
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

  it("tells an expired forwarded session", () => {
    expect(sessionExpired({ id: "s", userId: "u", customerId: "c", deviceId: null, expiresAt: new Date(Date.now() - 1).toISOString() })).toBe(true);
    expect(sessionExpired({ id: "s", userId: "u", customerId: "c", deviceId: null, expiresAt: new Date(Date.now() + 60_000).toISOString() })).toBe(false);
  });
});
