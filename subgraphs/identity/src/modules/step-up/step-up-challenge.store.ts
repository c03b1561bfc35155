import { KeySpace, type RedisClient, RedisScript } from "@oa/platform";
import type { LockoutSubject } from "../lockout/login-lockout";
import type { ChallengePurpose, ChallengeState, ChallengeStatus, MethodOffer, NewChallenge, StoredChallenge } from "./challenge-state";
import { isChallengeId, newChallengeId } from "./security-code";

/** How long a challenge waits for its verification. */
export const CHALLENGE_SECONDS = 15 * 60;
/** The shortest time between two codes for one challenge. */
export const RESEND_AFTER_SECONDS = 30;
// A completed challenge stays this long past its expiry, so a used code still reads as used.
const KEEP_AFTER_EXPIRY_MS = 1_000;
// A change that keeps losing to parallel changes gives up after this many rounds.
const MAX_ROUNDS = 50;

/** A decision about one challenge: the outcome, and the state to store (null: nothing changes). */
export type ChallengeStep<Outcome> = (challenge: StoredChallenge | null) => { outcome: Outcome; next: ChallengeState | null };

// Writes a new state only if the challenge is still at the version it was decided on.
// KEYS[1] the challenge; ARGV version, status, attempts, checking, expiresAt, codeHash, codeExpiresAt, codeSentAt.
const applyIfUnchanged = new RedisScript<number>(
  "step-up.applyIfUnchanged",
  `
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'attempts', ARGV[3], 'checking', ARGV[4], 'expiresAt', ARGV[5],
  'codeHash', ARGV[6], 'codeExpiresAt', ARGV[7], 'codeSentAt', ARGV[8])
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[5]) + ${KEEP_AFTER_EXPIRY_MS})
return 1
`,
);

/**
 * Step-up challenges in Redis, one hash per challenge that expires with it. Every change is
 * decided by the step-up state machine on the challenge as read, and written by one atomic
 * compare-and-set on its version: when another request changed it meanwhile, the change is
 * decided again on the new state. So a challenge completes at most once and never takes more
 * tries than allowed, however many requests arrive together.
 */
export class StepUpChallengeStore {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
  ) {
    this.keys = new KeySpace(keyPrefix, "identity");
  }

  async open(challenge: NewChallenge, now = Date.now()): Promise<StoredChallenge> {
    const stored: StoredChallenge = {
      ...challenge,
      id: newChallengeId(),
      status: "pending",
      attempts: 0,
      checking: 0,
      expiresAt: now + CHALLENGE_SECONDS * 1000,
      codeHash: "",
      codeExpiresAt: 0,
      codeSentAt: 0,
      version: 0,
    };
    const key = this.keyOf(stored.id);
    await this.redis
      .multi()
      .hset(key, {
        purpose: stored.purpose,
        userId: stored.userId,
        customerId: stored.customerId,
        subject: stored.subject,
        questionIds: stored.questionIds.join(","),
        methods: JSON.stringify(stored.methods),
        ...this.fieldsOf(stored),
        version: "0",
      })
      .pexpireat(key, stored.expiresAt + KEEP_AFTER_EXPIRY_MS)
      .exec();
    return stored;
  }

  /** The challenge as stored, in any state, expired or not while Redis keeps it; null for an unknown id. */
  async find(id: string): Promise<StoredChallenge | null> {
    if (!isChallengeId(id)) return null;
    const fields = await this.redis.hgetall(this.keyOf(id));
    if (!fields.status || !fields.userId) return null;
    return {
      id,
      // Challenges opened before purposes existed were all sign-ins.
      purpose: (fields.purpose ?? "signIn") as ChallengePurpose,
      userId: fields.userId,
      customerId: fields.customerId,
      subject: fields.subject as LockoutSubject,
      questionIds: fields.questionIds ? fields.questionIds.split(",") : [],
      methods: JSON.parse(fields.methods) as MethodOffer[],
      status: fields.status as ChallengeStatus,
      attempts: Number(fields.attempts),
      checking: Number(fields.checking),
      expiresAt: Number(fields.expiresAt),
      codeHash: fields.codeHash ?? "",
      codeExpiresAt: Number(fields.codeExpiresAt),
      codeSentAt: Number(fields.codeSentAt),
      version: Number(fields.version),
    };
  }

  /** A pending challenge that has not expired; null otherwise. */
  async findPending(id: string, now = Date.now()): Promise<StoredChallenge | null> {
    const challenge = await this.find(id);
    return challenge && challenge.status === "pending" && challenge.expiresAt > now ? challenge : null;
  }

  /**
   * Decides a change on the challenge as stored and writes it atomically, deciding again on the
   * newer state whenever a parallel change came first. Returns the outcome of the decision that
   * was written (or that changed nothing).
   */
  async change<Outcome>(id: string, step: ChallengeStep<Outcome>): Promise<Outcome> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const challenge = await this.find(id);
      const { outcome, next } = step(challenge);
      if (!challenge || !next) return outcome;
      const written = await applyIfUnchanged.run(this.redis, [this.keyOf(id)], [String(challenge.version), ...Object.values(this.fieldsOf(next))]);
      if (written === 1) return outcome;
    }
    throw new Error("a step-up challenge kept changing under parallel requests");
  }

  // The changing part of a challenge, in the order applyIfUnchanged takes it.
  private fieldsOf(state: ChallengeState): Record<string, string> {
    return {
      status: state.status,
      attempts: String(state.attempts),
      checking: String(state.checking),
      expiresAt: String(state.expiresAt),
      codeHash: state.codeHash,
      codeExpiresAt: String(state.codeExpiresAt),
      codeSentAt: String(state.codeSentAt),
    };
  }

  private keyOf(id: string): string {
    return this.keys.key("step-up", id);
  }
}
