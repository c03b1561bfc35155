import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, type RedisClient, reservePlaces } from "@oa/platform";
import { testSettings } from "@oa/platform/testing";
import { PROOF_LOCK_SECONDS, PROOF_MAX_FAILURES, ProofAttempts, type ProofOffered } from "./proof-attempts";

// The counting itself is AttemptGuard's (tested on its own); here: the rule's numbers, targets and keys.
describe("ProofAttempts", () => {
  const settings = testSettings();
  let redis: RedisClient;
  let attempts: ProofAttempts;

  beforeAll(() => {
    redis = createRedis(settings);
    attempts = new ProofAttempts(redis, settings.redisKeyPrefix, randomBytes(32));
  });

  afterAll(async () => {
    const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  const fail = async (proof: ProofOffered) => {
    const reserved = await reservePlaces(attempts.placesFor(proof));
    if ("refused" in reserved) return reserved.refused;
    await reserved.held.failed();
    return null;
  };

  it("refuses a tax id for 15 minutes after five failed verifications, and no other", async () => {
    expect([PROOF_MAX_FAILURES, PROOF_LOCK_SECONDS]).toEqual([5, 900]);
    for (let i = 0; i < 5; i++) expect(await fail({ taxIdLookup: "lookup-a", accountNumber: `ACCT-${i}`, vin: null })).toBeNull();
    const refused = await fail({ taxIdLookup: "lookup-a", accountNumber: "ACCT-9", vin: null });
    expect(refused).toMatchObject({ name: "taxId", state: { locked: true } });
    expect(refused?.state.locked && refused.state.retryAfterSeconds).toBeGreaterThan(895);
    expect(await fail({ taxIdLookup: "lookup-b", accountNumber: "ACCT-9", vin: null })).toBeNull();
  });

  it("refuses a VIN after five failed verifications, whatever the tax ids, and its refusal counts nothing else", async () => {
    const vin = "1HGCV1F34MA000101";
    for (let i = 0; i < 5; i++) expect(await fail({ taxIdLookup: `vin-guess-${i}`, accountNumber: null, vin })).toBeNull();
    expect(await fail({ taxIdLookup: "vin-guess-new", accountNumber: null, vin })).toMatchObject({ name: "vin", state: { locked: true } });
    // The refused try gave back the tax id's place and counted nothing on it.
    for (let i = 0; i < 4; i++) expect(await fail({ taxIdLookup: "vin-guess-new", accountNumber: `OTHER-${i}`, vin: null })).toBeNull();
  });

  it("refuses an account number after five failed verifications, in any case or spacing", async () => {
    for (let i = 0; i < 5; i++) expect(await fail({ taxIdLookup: `acct-guess-${i}`, accountNumber: i % 2 ? "av-0000 000101" : "AV-0000000101", vin: null })).toBeNull();
    expect(await fail({ taxIdLookup: "acct-guess-new", accountNumber: "AV-0000000101", vin: null })).toMatchObject({ name: "account" });
  });

  it("keeps its keys under identity's prefix, holding no tax id, account number or VIN", async () => {
    await fail({ taxIdLookup: "lookup-c", accountNumber: "2100000001", vin: "JS3TD62V0Y4000102" });
    expect(await redis.exists(`${settings.redisKeyPrefix}identity:{proof:taxid:lookup-c}:failures`)).toBe(1);
    const keys = await redis.keys(`${settings.redisKeyPrefix}*`);
    expect(keys.some((key) => key.includes("2100000001") || key.includes("JS3TD62V0Y4000102"))).toBe(false);
  });
});
