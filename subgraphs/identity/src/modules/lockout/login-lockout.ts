import { createHmac } from "node:crypto";
import { KeySpace, type RedisClient } from "@oa/platform";
import { usernameKey } from "../credentials/username-policy";
import { countFailure, recordFailure, releaseTry, reserveTry } from "./lockout.scripts";

/** Whose tries are counted: a keyed hash of the lower-cased username, known or not. */
export type LockoutSubject = string & { readonly __brand: "LockoutSubject" };

export interface LockoutSettings {
  /** Failed tries in a row that lock (LOCKOUT_MAX_FAILURES). */
  maxFailures: number;
  /** How long a lock lasts (LOCKOUT_SECONDS); also how long the failure count is kept. */
  lockSeconds: number;
}

export type LockState =
  | { locked: false }
  /** `justLocked`: this call set the lock, so its caller sends the notice. */
  | { locked: true; retryAfterSeconds: number; justLocked: boolean };

/**
 * The lock on online access after too many failed tries (wrong passwords, wrong step-up codes or
 * answers). A password try is reserved before it is checked and then recorded as a failure,
 * released (it was no failure) or ended with a reset (a success); a step-up failure is counted
 * after its (atomic, per-challenge bounded) check. Each change is one atomic Redis script.
 */
export class LoginLockout {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    keyPrefix: string,
    private readonly subjectKey: Buffer,
    private readonly settings: LockoutSettings,
  ) {
    this.keys = new KeySpace(keyPrefix, "identity");
  }

  /**
   * The same subject for every spelling of one username in any case. Unknown usernames are
   * counted exactly like known ones, and Redis never holds what was typed.
   */
  subjectOf(username: string): LockoutSubject {
    return createHmac("sha256", this.subjectKey).update(`login:${usernameKey(username)}`, "utf8").digest("hex").slice(0, 40) as LockoutSubject;
  }

  /** Takes a try; answers locked (without taking one) while a lock holds. */
  async reserve(subject: LockoutSubject): Promise<LockState> {
    return this.state(await reserveTry.run(this.redis, this.keysOf(subject), this.args()));
  }

  /** The reserved try failed. Answers locked when it (or an earlier one) set the lock. */
  async recordFailure(subject: LockoutSubject): Promise<LockState> {
    return this.state(await recordFailure.run(this.redis, this.keysOf(subject), this.args()));
  }

  /**
   * Counts a failure that was not reserved: a wrong step-up code or answers, whose own challenge
   * bounds how many are checked. Answers locked when this one set the lock or a lock holds.
   */
  async countFailure(subject: LockoutSubject): Promise<LockState> {
    return this.state(await countFailure.run(this.redis, this.keysOf(subject), this.args()));
  }

  /** The reserved try was neither a failure nor a success. */
  async release(subject: LockoutSubject): Promise<void> {
    await releaseTry.run(this.redis, this.keysOf(subject));
  }

  /** A success: the failures in a row start again from zero. */
  async reset(subject: LockoutSubject): Promise<void> {
    await this.redis.del(this.keysOf(subject)[0]);
  }

  /** Whether a lock holds, without taking a try. */
  async check(subject: LockoutSubject): Promise<LockState> {
    const left = await this.redis.pttl(this.keysOf(subject)[1]);
    if (left === -2 || left === 0) return { locked: false };
    return { locked: true, retryAfterSeconds: left > 0 ? Math.ceil(left / 1000) : this.settings.lockSeconds, justLocked: false };
  }

  private state([locked, leftMs, justLocked]: [number, number, number]): LockState {
    if (locked !== 1) return { locked: false };
    return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1000)), justLocked: justLocked === 1 };
  }

  private args() {
    return [this.settings.maxFailures, this.settings.lockSeconds];
  }

  // Both keys of a subject share the hash tag, so every script stays in one slot.
  private keysOf(subject: LockoutSubject): [string, string] {
    return [this.keys.key(`{login:${subject}}`, "failures"), this.keys.key(`{login:${subject}}`, "lock")];
  }
}
