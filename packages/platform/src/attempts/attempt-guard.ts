import { randomInt } from "node:crypto";
import type { KeySpace, RedisClient } from "../redis";
import { currentMetrics } from "../request-scope";
import { checkFailed, countFailure, endCheck, reserveCheck } from "./attempt-guard.scripts";

export interface AttemptLimits {
  /** Failures within the window that set the lock. */
  maxFailures: number;
  /** How long the lock lasts; also the window failures count in, from the first. */
  lockSeconds: number;
  /** How long a try waits for a place while others are being checked, before TOO_MANY_ATTEMPTS. */
  waitMs?: number;
  /**
   * Whether a success forgets the failures [true]. False where one subject stands for many people
   * (a client address): one person's success must not wipe out another's failures.
   */
  forgetsOnSuccess?: boolean;
}

export type GuardState =
  | { locked: false; busy?: undefined }
  /** Every try left was being checked for longer than the wait: refuse this one, for now. */
  | { locked: false; busy: true }
  /** `justLocked`: this call set the lock, so its caller sends any notice. */
  | { locked: true; retryAfterSeconds: number; justLocked: boolean };

const DEFAULT_WAIT_MS = 5_000;
// A check that never ends (its process died) gives its place back after this.
const CHECK_HOLD_SECONDS = 30;

/**
 * Failed tries per subject, and the lock they set, atomically in Redis. A try to check (a
 * password, an enrollment's identity) first reserves a place: failures already counted plus
 * tries being checked never exceed the maximum, so a parallel burst of wrong tries gets exactly
 * as many checks as it has failures left, while a burst of right tries waits its turn and goes
 * through. Each reserved try ends as a failure, a non-failure, or a success (which also forgets
 * the failures).
 */
export class AttemptGuard<Subject extends string = string> {
  constructor(
    private readonly redis: RedisClient,
    /** The owner's key space (its Redis prefix). */
    private readonly keys: KeySpace,
    /** The name of what is counted, in its keys: e.g. "login", "proof", "client". */
    readonly kind: string,
    private readonly limits: AttemptLimits,
  ) {}

  /** Takes a place to check a try, waiting while others are checked; answers locked or busy instead. */
  async reserve(subject: Subject): Promise<GuardState> {
    const giveUpAt = Date.now() + (this.limits.waitMs ?? DEFAULT_WAIT_MS);
    for (;;) {
      const state = this.state(await reserveCheck.run(this.redis, this.keysOf(subject), this.args()));
      if (state.locked || !state.busy || Date.now() >= giveUpAt) return state;
      // Jitter spreads the waiting tries out, so they do not all ask again at once.
      await new Promise((resolve) => setTimeout(resolve, 20 + randomInt(30)));
    }
  }

  /** The reserved try failed. Answers locked when this failure (or an earlier one) set the lock. */
  async failed(subject: Subject): Promise<GuardState> {
    return this.state(await checkFailed.run(this.redis, this.keysOf(subject), this.args()));
  }

  /** The reserved try was no failure, and no success either. */
  async release(subject: Subject): Promise<void> {
    await endCheck.run(this.redis, this.keysOf(subject), [...this.args(), 0]);
  }

  /** The reserved try succeeded: the failures are forgotten (unless this guard keeps them, see `forgetsOnSuccess`). */
  async succeeded(subject: Subject): Promise<void> {
    await endCheck.run(this.redis, this.keysOf(subject), [...this.args(), this.limits.forgetsOnSuccess === false ? 0 : 1]);
  }

  /** Counts a failure that was not reserved (its check is bounded elsewhere). */
  async countFailure(subject: Subject): Promise<GuardState> {
    return this.state(await countFailure.run(this.redis, this.keysOf(subject), this.args()));
  }

  /** Forgets the failures, for a success that was not reserved. */
  async reset(subject: Subject): Promise<void> {
    await this.redis.del(this.keysOf(subject)[0]);
  }

  /** Lifts the lock and forgets the failures (an unlock, a password reset); true when a lock was lifted. */
  async lift(subject: Subject): Promise<boolean> {
    const [failures, lock] = this.keysOf(subject);
    const [lifted] = await Promise.all([this.redis.del(lock), this.redis.del(failures)]);
    return lifted === 1;
  }

  /** Whether a lock holds, without taking a place. */
  async check(subject: Subject): Promise<GuardState> {
    const left = await this.redis.pttl(this.keysOf(subject)[1]);
    if (left === -2 || left === 0) return { locked: false };
    return { locked: true, retryAfterSeconds: left > 0 ? Math.ceil(left / 1000) : this.limits.lockSeconds, justLocked: false };
  }

  private state([state, leftMs, justLocked]: [number, number, number]): GuardState {
    if (state === 2) return { locked: false, busy: true };
    if (state !== 1) return { locked: false };
    // Counted where the lock is set, once per lock (the one try that set it).
    if (justLocked === 1) currentMetrics()?.lockSet(this.kind);
    return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)), justLocked: justLocked === 1 };
  }

  private args(): number[] {
    return [this.limits.maxFailures, this.limits.lockSeconds, CHECK_HOLD_SECONDS];
  }

  // The keys of one subject share a hash tag, so every script stays in one slot.
  private keysOf(subject: Subject): [string, string, string] {
    const tag = `{${this.kind}:${subject}}`;
    return [this.keys.key(tag, "failures"), this.keys.key(tag, "lock"), this.keys.key(tag, "checking")];
  }
}
