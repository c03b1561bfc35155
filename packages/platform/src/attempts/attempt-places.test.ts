import { randomBytes } from "node:crypto";
import { closeRedis, createRedis, KeySpace, type RedisClient } from "../redis";
import { TEST_REDIS_URL } from "../testing";
import { AttemptGuard } from "./attempt-guard";
import { type AttemptPlace, reservePlacesInTurn } from "./attempt-places";

describe("reservePlacesInTurn (real Redis)", () => {
  let redis: RedisClient;
  const prefix = `oa-test-places-${randomBytes(4).toString("hex")}:`;
  let n = 0;
  const subject = () => `subject-${++n}`;

  beforeAll(() => {
    redis = createRedis({ redisUrl: TEST_REDIS_URL });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await closeRedis(redis);
  });

  // One check at a time per subject, and no waiting for a turn: a place taken shows as busy.
  const guard = (maxFailures = 1) => new AttemptGuard(redis, new KeySpace(prefix, "identity"), "test", { maxFailures, lockSeconds: 60, waitMs: 0 });
  const place = (name: string, on: AttemptGuard, who: string): AttemptPlace => ({ name, guard: on, subject: who });
  const isBusy = async (on: AttemptGuard, who: string) => {
    const state = await on.reserve(who);
    if (!state.locked && !state.busy) await on.release(who);
    return !state.locked && state.busy === true;
  };

  it("takes the first places at once, while the others are still being worked out, then those", async () => {
    const client = guard();
    const person = guard();
    const [address, who] = [subject(), subject()];
    let workedOut!: (places: AttemptPlace[]) => void;
    const reservation = reservePlacesInTurn([place("client", client, address)], new Promise<AttemptPlace[]>((resolve) => (workedOut = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await isBusy(client, address)).toBe(true);
    workedOut([place("person", person, who)]);
    const result = await reservation;
    if (!("held" in result)) throw new Error("refused");
    expect(await isBusy(person, who)).toBe(true);
    // Held together: one failure on each.
    await result.held.failed();
    expect(await client.reserve(address)).toMatchObject({ locked: true });
    expect(await person.reserve(who)).toMatchObject({ locked: true });
  });

  it("gives the first places back and throws when working out the others fails", async () => {
    const client = guard();
    const address = subject();
    await expect(reservePlacesInTurn([place("client", client, address)], Promise.reject(new Error("lookup failed")))).rejects.toThrow("lookup failed");
    expect(await isBusy(client, address)).toBe(false);
  });

  it("gives the first places back when a later one refuses, and answers that refusal", async () => {
    const client = guard();
    const person = guard();
    const [address, who] = [subject(), subject()];
    await person.reserve(who);
    await person.failed(who); // locked
    const result = await reservePlacesInTurn([place("client", client, address)], Promise.resolve([place("person", person, who)]));
    expect(result).toMatchObject({ refused: { name: "person", state: { locked: true } } });
    expect(await isBusy(client, address)).toBe(false);
  });

  it("takes none of the others when a first place refuses", async () => {
    const client = guard();
    const person = guard();
    const [address, who] = [subject(), subject()];
    await client.reserve(address);
    await client.failed(address); // locked
    const result = await reservePlacesInTurn([place("client", client, address)], Promise.resolve([place("person", person, who)]));
    expect(result).toMatchObject({ refused: { name: "client", state: { locked: true } } });
    expect(await isBusy(person, who)).toBe(false);
  });
});
