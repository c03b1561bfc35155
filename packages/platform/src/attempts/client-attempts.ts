import { KeySpace, type RedisClient } from "../redis";
import type { Settings } from "../settings";
import { AttemptGuard } from "./attempt-guard";
import type { AttemptPlace } from "./attempt-places";

/**
 * Failed tries per client address, across every guarded flow and every subgraph that runs one
 * (logins, step-ups, enrollments, recoveries, Add a Vehicle): one budget of CLIENT_MAX_FAILURES
 * per CLIENT_WINDOW_SECONDS. Its keys live under their own owner, `clients`, because the budget
 * belongs to the address, not to one subgraph. A success does not forget the failures: many
 * people may share one address, and one of them signing in must not wipe out another's guesses.
 */
export function createClientAttempts(redis: RedisClient, settings: Pick<Settings, "redisKeyPrefix" | "clientMaxFailures" | "clientWindowSeconds">) {
  return new AttemptGuard(redis, new KeySpace(settings.redisKeyPrefix, "clients"), "client", {
    maxFailures: settings.clientMaxFailures,
    lockSeconds: settings.clientWindowSeconds,
    forgetsOnSuccess: false,
  });
}

/** The place of a client address on its budget; none for a call without one (an internal call). */
export function clientPlace(guard: AttemptGuard, clientIp: string | null): AttemptPlace<"client">[] {
  return clientIp ? [{ name: "client", guard, subject: clientIp }] : [];
}
