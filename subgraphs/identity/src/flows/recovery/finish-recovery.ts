import { type Logger, serviceUnavailable, type SessionStore } from "@oa/platform";
import type { DataSource } from "typeorm";
import { checkPassword } from "../../modules/credentials/password-policy";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import type { DeviceTrustCalls } from "../../modules/device/device-trust.calls";
import { anyLocked, liftLocks, lockSubjectsOf, type PersonLockSubjects } from "../../modules/lockout/lift-locks";
import type { LoginLockout } from "../../modules/lockout/login-lockout";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { SecurityEvents } from "../../modules/security-event/security-events";
import { endSessions } from "../../modules/session/end-sessions";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import { findLoginOwner, type LoginOwner, passwordOwnerOf } from "../../modules/user/login-owner";
import { updatePasswordHash } from "../../modules/user/password-update";
import { credentialRefusals } from "../credentials/credential-change.outcome";
import type { ChallengeSteps } from "../step-up/challenge-steps";
import { type CompleteRecoveryOutcome, recoveryCodeRefusals } from "./recovery.outcome";

/** What a right recovery code does its work with. */
export interface FinishRecoveryDeps {
  challenges: Pick<ChallengeSteps, "change">;
  /** Reads the login (findLoginOwner) and writes its new password hash with its events. */
  dataSource: DataSource;
  securityEvents: Pick<SecurityEvents, "record">;
  /** TAX_ID_ENCRYPTION_KEY: the password rules compare with the tax id on file. */
  taxIdEncryptionKey: Buffer;
  /** Every lock of the person, and of each registered device (device-trust knows which), is lifted. */
  lockout: LoginLockout;
  deviceTrust: Pick<DeviceTrustCalls, "registeredDeviceIds">;
  /** Every session of the user ends. */
  sessions: SessionStore;
  notices: Pick<PersonNotices, "passwordReset" | "usernameRecovered">;
  logger: Logger;
}

/**
 * What a right recovery code does, the challenge now completed:
 *   without newPassword → the username, USERNAME_RECOVERED, a notice that it was recovered
 *   a newPassword that breaks a rule about the person on file (username, name, birth date,
 *   tax id)             → WEAK_PASSWORD, and the challenge is pending again: the code still works
 *   with newPassword    → hashed, written with PASSWORD_RESET (and ACCOUNT_UNLOCKED when a lock
 *                         holds) in one transaction; then every session ended (SESSIONS_ENDED), every
 *                         lock of the person and of their registered devices lifted, a notice.
 * Anything that fails before the password is written puts the challenge back to pending, so the
 * person may use the same code again.
 */
export async function finishRecovery(
  deps: FinishRecoveryDeps,
  request: { clientAddress: string | null },
  challenge: StoredChallenge,
  newPassword: string | null,
): Promise<CompleteRecoveryOutcome> {
  let login: LoginOwner | null;
  try {
    login = await findLoginOwner(deps.dataSource, challenge.userId);
  } catch (error) {
    await reopen(deps, challenge);
    throw error;
  }
  // The login was removed since the recovery started: nothing to recover.
  if (!login) return { kind: "codeRefused", refusal: recoveryCodeRefusals.challengeExpired() };
  return newPassword === null ? recoverUsername(deps, request, challenge, login) : resetPassword(deps, request, challenge, login, newPassword);
}

async function recoverUsername(
  deps: FinishRecoveryDeps,
  request: { clientAddress: string | null },
  challenge: StoredChallenge,
  login: LoginOwner,
): Promise<CompleteRecoveryOutcome> {
  try {
    await deps.securityEvents.record({ userId: login.userId, kind: SecurityEventKind.USERNAME_RECOVERED, clientAddress: request.clientAddress });
  } catch (error) {
    await reopen(deps, challenge);
    throw error;
  }
  deps.notices.usernameRecovered(login.customerId);
  deps.logger.info("username recovered", { userId: login.userId });
  return { kind: "completed", username: login.username, passwordChanged: false };
}

async function resetPassword(
  deps: FinishRecoveryDeps,
  request: { clientAddress: string | null },
  challenge: StoredChallenge,
  login: LoginOwner,
  newPassword: string,
): Promise<CompleteRecoveryOutcome> {
  const origin = { userId: login.userId, clientAddress: request.clientAddress };
  let locks: PersonLockSubjects;
  try {
    const weakness = checkPassword(newPassword, passwordOwnerOf(login, deps.taxIdEncryptionKey));
    if (weakness) {
      await reopen(deps, challenge);
      return { kind: "passwordRefused", refusal: credentialRefusals.weakPassword(weakness.message) };
    }
    locks = await lockSubjectsOf(deps, login).catch(() => {
      deps.logger.warn("device trust unavailable at a password reset; nothing changed", { userId: login.userId });
      throw serviceUnavailable();
    });
    const wasLocked = await anyLocked(deps.lockout, locks);
    // argon2 is costly on purpose: only now, once every check has passed.
    const passwordHash = await hashSecret(newPassword);
    await updatePasswordHash(deps, { userId: login.userId, passwordHash }, [
      { ...origin, kind: SecurityEventKind.PASSWORD_RESET },
      ...(wasLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_UNLOCKED }] : []),
    ]);
  } catch (error) {
    await reopen(deps, challenge);
    throw error;
  }
  // The password is changed: every session opened with the old one ends, then the locks lift.
  const ended = await endSessions(deps, login.userId, {}, { clientAddress: request.clientAddress });
  const lifted = await liftLocks(deps.lockout, locks);
  deps.notices.passwordReset(login.customerId);
  deps.logger.info("password reset", { userId: login.userId, endedSessions: ended, unlocked: lifted });
  return { kind: "completed", username: login.username, passwordChanged: true };
}

/** Nothing was recovered: the person may finish the same challenge again. */
async function reopen(deps: FinishRecoveryDeps, challenge: StoredChallenge): Promise<void> {
  await deps.challenges.change(challenge.id, { type: "reopen" }).catch(() => undefined);
}
