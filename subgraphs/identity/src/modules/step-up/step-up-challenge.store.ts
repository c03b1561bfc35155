import { KeySpace, type RedisClient } from "@oa/platform";
import type { LockoutSubject } from "../lockout/login-lockout";
import { isChallengeId, newChallengeId } from "./security-code";
import { completeAnswers, failAnswers, reopen, reserveAnswerTry, storeCode, verifyCode } from "./step-up.scripts";
import type { StepUpMethod } from "./step-up-method";

/** How long a challenge waits for its verification. */
export const CHALLENGE_SECONDS = 15 * 60;
/** The shortest time between two codes for one challenge. */
export const RESEND_AFTER_SECONDS = 30;

export type ChallengeStatus = "pending" | "completed" | "void";

/** One way to verify, with the masked contact for the code methods. */
export interface MethodOffer {
  method: StepUpMethod;
  destination: string | null;
}

/** A step-up challenge as Redis holds it. The code itself is never stored, only its hash. */
export interface StoredChallenge {
  id: string;
  userId: string;
  customerId: string;
  /** Whose lockout count the challenge's wrong tries add to. */
  subject: LockoutSubject;
  questionIds: string[];
  methods: MethodOffer[];
  status: ChallengeStatus;
  attempts: number;
  expiresAt: Date;
  /** Empty until a code is sent. */
  codeHash: string;
  codeExpiresAt: Date | null;
}

export type NewChallenge = Pick<StoredChallenge, "userId" | "customerId" | "subject" | "questionIds" | "methods">;

export type StoreCodeOutcome = { outcome: "sent" } | { outcome: "too_soon"; retryAfterSeconds: number } | { outcome: "void" | "expired" };

/**
 * What a tried code or set of answers came to; `triesLeft` for invalid and reserved. `voided`:
 * this try was the challenge's last; `void`: the challenge was void before it; `busy`: the
 * tries left are all being checked by other requests right now.
 */
export type TryOutcome =
  | { outcome: "completed" | "voided" | "void" | "busy" | "code_expired" | "expired" }
  | { outcome: "invalid" | "reserved"; triesLeft: number };

/**
 * Step-up challenges in Redis, one hash per challenge with a TTL. Every change of state (a new
 * code, a try, completion) is one Lua script, so a challenge completes at most once and never
 * takes more tries than allowed, however many requests arrive together.
 */
export class StepUpChallengeStore {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    /** STEP_UP_MAX_ATTEMPTS. */
    private readonly maxAttempts: number,
  ) {
    this.keys = new KeySpace(keyPrefix, "identity");
  }

  async open(challenge: NewChallenge, now = Date.now()): Promise<StoredChallenge> {
    const id = newChallengeId();
    const expiresAt = now + CHALLENGE_SECONDS * 1000;
    const key = this.keyOf(id);
    await this.redis
      .multi()
      .hset(key, {
        userId: challenge.userId,
        customerId: challenge.customerId,
        subject: challenge.subject,
        questionIds: challenge.questionIds.join(","),
        methods: JSON.stringify(challenge.methods),
        status: "pending",
        attempts: "0",
        checking: "0",
        expiresAt: String(expiresAt),
        codeHash: "",
        codeExpiresAt: "0",
        codeSentAt: "0",
      })
      .expire(key, CHALLENGE_SECONDS)
      .exec();
    return { ...challenge, id, status: "pending", attempts: 0, expiresAt: new Date(expiresAt), codeHash: "", codeExpiresAt: null };
  }

  /** The challenge in any state while Redis still holds it; null for an unknown or expired id. */
  async find(id: string, now = Date.now()): Promise<StoredChallenge | null> {
    if (!isChallengeId(id)) return null;
    const fields = await this.redis.hgetall(this.keyOf(id));
    if (!fields.status || !fields.userId) return null;
    const expiresAt = Number(fields.expiresAt);
    if (!(expiresAt > now)) return null;
    const codeExpiresAt = Number(fields.codeExpiresAt);
    return {
      id,
      userId: fields.userId,
      customerId: fields.customerId,
      subject: fields.subject as LockoutSubject,
      questionIds: fields.questionIds ? fields.questionIds.split(",") : [],
      methods: JSON.parse(fields.methods) as MethodOffer[],
      status: fields.status as ChallengeStatus,
      attempts: Number(fields.attempts),
      expiresAt: new Date(expiresAt),
      codeHash: fields.codeHash ?? "",
      codeExpiresAt: codeExpiresAt > 0 ? new Date(codeExpiresAt) : null,
    };
  }

  /** Keeps a new code's hash in place of the previous one, at most once per resend interval. */
  async storeCode(id: string, codeHash: string, codeExpiresAt: Date, now = Date.now()): Promise<StoreCodeOutcome> {
    const [outcome, waitMs] = await storeCode.run(this.redis, [this.keyOf(id)], [now, RESEND_AFTER_SECONDS * 1000, codeHash, codeExpiresAt.getTime()]);
    if (outcome === "too_soon") return { outcome, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    return { outcome: outcome as "sent" | "void" | "expired" };
  }

  /** Tries a code (as its hash): completes the challenge when it is the live code. */
  async tryCode(id: string, codeHash: string, now = Date.now()): Promise<TryOutcome> {
    return this.tryOutcome(await verifyCode.run(this.redis, [this.keyOf(id)], [now, codeHash, this.maxAttempts]));
  }

  /** Takes a try for answers that are about to be checked. */
  async reserveAnswerTry(id: string): Promise<TryOutcome> {
    return this.tryOutcome(await reserveAnswerTry.run(this.redis, [this.keyOf(id)], [this.maxAttempts]));
  }

  /** The reserved answers were right. */
  async completeWithAnswers(id: string): Promise<TryOutcome> {
    return { outcome: (await completeAnswers.run(this.redis, [this.keyOf(id)])) as "completed" | "void" | "expired" };
  }

  /** The reserved answers were wrong. */
  async failAnswers(id: string): Promise<TryOutcome> {
    return this.tryOutcome(await failAnswers.run(this.redis, [this.keyOf(id)], [this.maxAttempts]));
  }

  /** Undoes a completion whose sign-in could not be finished, so the person may try again. */
  async reopen(id: string): Promise<void> {
    await reopen.run(this.redis, [this.keyOf(id)]);
  }

  private tryOutcome([outcome, triesLeft]: [string, number]): TryOutcome {
    if (outcome === "invalid" || outcome === "reserved") return { outcome, triesLeft: Math.max(0, triesLeft) };
    return { outcome: outcome as "completed" | "voided" | "void" | "busy" | "code_expired" | "expired" };
  }

  private keyOf(id: string): string {
    return this.keys.key("step-up", id);
  }
}
