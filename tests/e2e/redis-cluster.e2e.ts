// The whole system on a Redis Cluster of three masters (started here, on loopback): the lockout,
// step-up and session journeys through the real gateway and subgraphs, and every key the system
// writes checked against its family: the keys one script, transaction or multi-key command
// touches share a hash tag, so they are in one slot, and subjects spread over every master.
import { type LocalRedisCluster, localRedisClusterUnavailable, startLocalRedisCluster } from "@oa/platform/testing";
import { Cluster } from "ioredis";
import { closeRedis, type RedisClient } from "@oa/platform";
import { DANA, GOOD_PASSWORD, LUIS, SOLO, testRecords } from "../support/fixtures";
import { enroll } from "../support/journeys";
import { appSignIn, meOf, runOperation, sendCode, stepUpChallenge } from "../support/session-journeys";
import { TestSystem } from "../support/system";

const MAX = 5;
const unavailable = localRedisClusterUnavailable();
if (unavailable) process.stdout.write(`Skipping the Redis Cluster journeys: ${unavailable}\n`);

/**
 * Every key the system writes, by family (after the prefix). `group` names the keys that a script,
 * a transaction, a pipeline or a multi-key command touches together: they must share one slot.
 */
const KEY_FAMILIES: { family: string; pattern: RegExp; group?: (match: RegExpExecArray) => string }[] = [
  // AttemptGuard: failures, lock and checks under way of one subject, in every script.
  {
    family: "attempt budget",
    pattern: /^(clients|identity|vehicle-account):(\{(client|login|proof|add-vehicle):[^}]+\}):(failures|lock|checking)$/,
    group: (m) => `${m[1]}:${m[2]}`,
  },
  // A user's sessions index, refresh chains (pipelined reads, multi-key DEL) and ended-device marks.
  { family: "user", pattern: /^identity:(\{user:[0-9a-f-]{36}\}):(sessions|refresh-chains|refresh-chain:[A-Za-z0-9_-]+|ended-device:[0-9a-f-]{36})$/, group: (m) => m[1] },
  { family: "security codes sent", pattern: /^identity:(\{codes:[0-9a-f]+\}):sent$/, group: (m) => m[1] },
  { family: "step-up challenge", pattern: /^identity:step-up:[A-Za-z0-9_-]+$/ },
  { family: "session", pattern: /^identity:session:[0-9a-f]{64}$/ },
  { family: "refresh token", pattern: /^identity:refresh-token:[0-9a-f]{64}$/ },
  { family: "credential nonce", pattern: /^(identity|device-trust|vehicle-account):credential-nonce:[A-Za-z0-9_-]+$/ },
];

(unavailable ? describe.skip : describe)("on a Redis Cluster of three masters", () => {
  let cluster: LocalRedisCluster;
  let system: TestSystem;
  beforeAll(async () => {
    cluster = await startLocalRedisCluster(3);
    system = await TestSystem.start({ redisUrl: cluster.url, lockoutMaxFailures: MAX, securityCodeMaxSends: 50, clientMaxFailures: 1000 }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    await enroll(system, LUIS, "luis.o", { accountType: "INVEST", accountNumber: "3100000001" });
    await enroll(system, SOLO, "sol.single", { accountType: "BANK", accountNumber: "2100000004" });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await cluster?.stop();
  });

  const login = async (username: string, password: string, deviceToken?: string) => (await system.run("Login", { input: { username, password, deviceToken } })).body.data!.login;

  it("runs every service on the cluster", () => {
    expect(system.settings.redisUrl).toMatch(/^redis\+cluster:\/\/127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/);
  });

  it("locks after exactly LOCKOUT_MAX_FAILURES checks of 50 parallel wrong passwords, and recovery lifts the lock", async () => {
    const checksBefore = system.passwordChecks;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login("luis.o", `parallel-wrong-${i}!!`)));
    expect(system.passwordChecks - checksBefore).toBe(MAX);
    expect(answers.filter((answer) => answer.code === "INVALID_CREDENTIALS")).toHaveLength(MAX);
    expect(answers.filter((answer) => answer.code === "ACCOUNT_LOCKED")).toHaveLength(50 - MAX);
    expect((await login("luis.o", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");

    const wrongAccount = (await runOperation(system, "StartRecovery", { input: { accountType: "INVEST", taxId: LUIS.taxId, accountNumber: "3100000999" } })).body.data!
      .startRecovery;
    expect(wrongAccount.__typename).toBe("RecoveryRejected");
    const started = (await runOperation(system, "StartRecovery", { input: { accountType: "INVEST", taxId: LUIS.taxId, accountNumber: "3100000001" } })).body.data!.startRecovery;
    expect(started.__typename).toBe("RecoveryStarted");
    const code = await sendCode(system, LUIS, started.challenge.id);
    const completed = (await runOperation(system, "CompleteRecovery", { input: { challengeId: started.challenge.id, code, newPassword: "Copper-Harbor-Lantern-31" } })).body.data!
      .completeRecovery;
    expect(completed).toMatchObject({ __typename: "RecoveryCompleted", passwordChanged: true });
    expect((await login("luis.o", "Copper-Harbor-Lantern-31")).__typename).toBe("StepUpRequired");
  });

  // Dana's device, registered by the step-up below: her logins with it are not locked by failures elsewhere.
  let danaDevice = "";

  it("accepts the right code exactly once among 20 parallel verifies, and the device it registers signs in at once", async () => {
    const challengeId = await stepUpChallenge(system, "dana.w");
    const code = await sendCode(system, DANA, challengeId);
    const verify = () => system.run("VerifyStepUp", { input: { challengeId, code, rememberDevice: { name: "Dana's laptop", platform: "WEB" } } });
    const results = (await Promise.all(Array.from({ length: 20 }, verify))).map(({ body }) => body.data!.verifyStepUp);
    const succeeded = results.filter((result) => result.__typename === "StepUpSucceeded");
    expect(succeeded).toHaveLength(1);
    expect(results.filter((result) => result.__typename === "StepUpRejected")).toHaveLength(19);
    danaDevice = succeeded[0].registeredDevice.deviceToken as string;
    // Wrong passwords from elsewhere lock the person, not the registered device (a budget of its own).
    for (let i = 0; i < MAX; i++) await login("dana.w", `elsewhere-wrong-${i}!!`);
    expect((await login("dana.w", GOOD_PASSWORD)).code).toBe("ACCOUNT_LOCKED");
    expect((await login("dana.w", GOOD_PASSWORD, danaDevice)).__typename).toBe("LoginSucceeded");
  });

  it("keeps sessions: lists them, renews with single-use refresh tokens, ends a device's, one and all", async () => {
    const phone = await appSignIn(system, SOLO, "sol.single", "Sol's phone");
    const tablet = await appSignIn(system, SOLO, "sol.single", "Sol's tablet");
    const solId = await meOf(system, phone.accessToken);
    expect(solId).not.toBeNull();

    const renewed = (await runOperation(system, "RefreshSession", { input: { refreshToken: phone.refreshToken, deviceToken: phone.deviceToken } })).body.data!.refreshSession;
    expect(renewed.__typename).toBe("SessionRefreshed");
    expect(await meOf(system, phone.accessToken)).toBeNull();
    expect(await meOf(system, renewed.session.accessToken)).toBe(solId);
    // The traded token again: reuse ends the chain and its session.
    const reused = (await runOperation(system, "RefreshSession", { input: { refreshToken: phone.refreshToken, deviceToken: phone.deviceToken } })).body.data!.refreshSession;
    expect(reused.__typename).toBe("RefreshRejected");
    expect(await meOf(system, renewed.session.accessToken)).toBeNull();

    // Removing the tablet ends its session and refresh chain.
    const laptop = await appSignIn(system, SOLO, "sol.single", "Sol's laptop");
    expect((await system.run("RemoveDevice", { id: tablet.deviceId }, laptop.accessToken)).body.data!.removeDevice).toEqual({ __typename: "DeviceRemoved", id: tablet.deviceId });
    expect(await meOf(system, tablet.accessToken)).toBeNull();
    const afterRemoval = (await runOperation(system, "RefreshSession", { input: { refreshToken: tablet.refreshToken, deviceToken: tablet.deviceToken } })).body.data!
      .refreshSession;
    expect(afterRemoval.__typename).toBe("RefreshRejected");

    // A second session on the laptop, listed beside the first, ended by id; then all of them.
    const second = (await runOperation(system, "LoginOnApp", { input: { username: "sol.single", password: GOOD_PASSWORD, deviceToken: laptop.deviceToken } })).body.data!.login;
    expect(second.__typename).toBe("LoginSucceeded");
    const sessions = (await runOperation(system, "SecurityActivity", { first: 5 }, laptop.accessToken)).body.data!.me.sessions as { id: string; current: boolean }[];
    expect(sessions.map((session) => session.current).sort()).toEqual([false, true]);
    const ended = (await runOperation(system, "EndSession", { id: sessions.find((session) => !session.current)!.id }, laptop.accessToken)).body.data!.endSession;
    expect(ended.__typename).toBe("SessionEnded");
    expect(await meOf(system, second.session.accessToken)).toBeNull();
    const third = (await runOperation(system, "LoginOnApp", { input: { username: "sol.single", password: GOOD_PASSWORD, deviceToken: laptop.deviceToken } })).body.data!.login;
    expect((await runOperation(system, "LogoutEverywhere", {}, laptop.accessToken)).body.data!.logoutEverywhere.loggedOut).toBe(true);
    expect(await meOf(system, laptop.accessToken)).toBeNull();
    expect(await meOf(system, third.session.accessToken)).toBeNull();
    const afterAll = (await runOperation(system, "RefreshSession", { input: { refreshToken: third.session.refreshToken, deviceToken: laptop.deviceToken } })).body.data!
      .refreshSession;
    expect(afterAll.__typename).toBe("RefreshRejected");
  });

  it("adds a vehicle, counting Add a Vehicle guesses on the cluster", async () => {
    const token = (await login("dana.w", GOOD_PASSWORD, danaDevice)).session.accessToken as string;
    const unknown = (await system.run("AddVehicle", { input: { accountNumber: "AV-9999999999" } }, token)).body.data!.addVehicle;
    expect(unknown).toMatchObject({ code: "NOT_VERIFIED" });
    const added = (await system.run("AddVehicle", { input: { accountNumber: "AV-0000000101" } }, token)).body.data!.addVehicle;
    expect(added.__typename).toBe("VehicleAdded");
    expect((await system.run("Snapshot", {}, token)).body.data!.me.vehicleAccounts).toHaveLength(1);
  });

  it("writes only keys of known families, each group in one slot, spread over all three masters", async () => {
    // A mutation through each subgraph just now: their credentials' nonces last seconds only.
    const token = (await login("dana.w", GOOD_PASSWORD, danaDevice)).session.accessToken as string;
    expect((await system.run("AddVehicle", { input: { accountNumber: "AV-0000000101" } }, token)).body.data!.addVehicle).toMatchObject({ code: "ALREADY_ADDED" });
    expect((await system.run("RemoveDevice", { id: "00000000-0000-4000-8000-000000000000" }, token)).body.data!.removeDevice.__typename).toBe("DeviceNotFound");
    const redis = system.redis();
    try {
      const keys = await allKeys(redis, system.settings.redisKeyPrefix);
      const slotOf = new Map<string, number>();
      for (const key of keys) slotOf.set(key, Number(await redis.call("CLUSTER", "KEYSLOT", key)));
      const groups = new Map<string, Set<number>>();
      const seenFamilies = new Set<string>();
      const unknown: string[] = [];
      for (const key of keys) {
        const name = key.slice(system.settings.redisKeyPrefix.length);
        const family = KEY_FAMILIES.map((each) => ({ each, match: each.pattern.exec(name) })).find(({ match }) => match !== null);
        if (!family) {
          unknown.push(name);
          continue;
        }
        seenFamilies.add(family.each.family);
        if (!family.each.group) continue;
        const group = `${family.each.family} ${family.each.group(family.match!)}`;
        groups.set(group, (groups.get(group) ?? new Set()).add(slotOf.get(key)!));
      }
      expect(unknown).toEqual([]);
      // The journeys above left keys of every family, so none of the checks below is vacuous.
      expect([...seenFamilies].sort()).toEqual(KEY_FAMILIES.map((each) => each.family).sort());
      for (const [group, slots] of groups) expect([group, slots.size]).toEqual([group, 1]);
      const masters = new Set<string>();
      const layout = (await redis.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
      for (const slot of slotOf.values()) {
        const owner = layout.find(([from, to]) => slot >= from && slot <= to)!;
        masters.add(`${owner[2][0]}:${owner[2][1]}`);
      }
      expect(masters.size).toBe(3);
    } finally {
      await closeRedis(redis);
    }
  });
});

/** Every key under `prefix` on every master of the cluster. */
async function allKeys(redis: RedisClient, prefix: string): Promise<string[]> {
  if (!(redis instanceof Cluster)) throw new Error("not a cluster client");
  await redis.ping(); // Once it answers, the client knows every node.
  const perMaster = await Promise.all(redis.nodes("master").map((node) => node.keys(`${prefix}*`)));
  return perMaster.flat();
}
