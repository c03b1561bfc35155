import { serviceUnavailable } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { checkPassword } from "../../modules/credentials/password-policy";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import { anyLocked, liftLocks, lockSubjectsOf, type PersonLockSubjects } from "../../modules/lockout/lift-locks";
import { passwordResetText, usernameRecoveredText } from "../../modules/notice/message-texts";
import { noticeDepsOf, noticeToPerson } from "../../modules/notice/person-notice";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { endSessions } from "../../modules/session/end-sessions";
import type { StoredChallenge } from "../../modules/step-up/challenge-state";
import { findLoginOwner, type LoginOwner, passwordOwnerOf } from "../../modules/user/login-owner";
import { updatePasswordHash } from "../../modules/user/password-update";
import { credentialRejected } from "../credentials/credential-change.outcomes";
import { CredentialChangeRejection } from "../credentials/credentials.results";
import { change } from "../step-up/verify-step-up.flow";
import type { CompleteRecoveryOutcome } from "./recovery.outcomes";
import { recoveryCodeRejections } from "./recovery.outcomes";

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
export async function finishRecovery(context: IdentityContext, challenge: StoredChallenge, newPassword: string | null): Promise<CompleteRecoveryOutcome> {
  let login: LoginOwner | null;
  try {
    login = await findLoginOwner(context.services.dataSource, challenge.userId);
  } catch (error) {
    await reopen(context, challenge);
    throw error;
  }
  // The login was removed since the recovery started: nothing to recover.
  if (!login) return { completed: false, stepUp: recoveryCodeRejections.challengeExpired() };
  return newPassword === null ? recoverUsername(context, challenge, login) : resetPassword(context, challenge, login, newPassword);
}

async function recoverUsername(context: IdentityContext, challenge: StoredChallenge, login: LoginOwner): Promise<CompleteRecoveryOutcome> {
  const { services } = context;
  try {
    await services.securityEvents.record({ userId: login.userId, kind: SecurityEventKind.USERNAME_RECOVERED, clientAddress: context.credential.clientIp });
  } catch (error) {
    await reopen(context, challenge);
    throw error;
  }
  noticeToPerson(noticeDepsOf(context), login.customerId, "username recovered", usernameRecoveredText(services.settings.supportPhone));
  services.logger.info("username recovered", { userId: login.userId });
  return { completed: true, username: login.username, passwordChanged: false };
}

async function resetPassword(context: IdentityContext, challenge: StoredChallenge, login: LoginOwner, newPassword: string): Promise<CompleteRecoveryOutcome> {
  const { services } = context;
  const origin = { userId: login.userId, clientAddress: context.credential.clientIp };
  let locks: PersonLockSubjects;
  try {
    const weakness = checkPassword(newPassword, passwordOwnerOf(login, services.settings.taxIdEncryptionKey));
    if (weakness) {
      await reopen(context, challenge);
      return { completed: false, credential: credentialRejected(CredentialChangeRejection.WEAK_PASSWORD, weakness.message) };
    }
    locks = await lockSubjectsOf(services, login).catch(() => {
      services.logger.warn("device trust unavailable at a password reset; nothing changed", { userId: login.userId });
      throw serviceUnavailable();
    });
    const wasLocked = await anyLocked(services.lockout, locks);
    // argon2 is costly on purpose: only now, once every check has passed.
    const passwordHash = await hashSecret(newPassword);
    await updatePasswordHash(services, { userId: login.userId, passwordHash }, [
      { ...origin, kind: SecurityEventKind.PASSWORD_RESET },
      ...(wasLocked ? [{ ...origin, kind: SecurityEventKind.ACCOUNT_UNLOCKED }] : []),
    ]);
  } catch (error) {
    await reopen(context, challenge);
    throw error;
  }
  // The password is changed: every session opened with the old one ends, then the locks lift.
  const ended = await endSessions(services, login.userId, {}, { clientAddress: context.credential.clientIp });
  const lifted = await liftLocks(services.lockout, locks);
  noticeToPerson(noticeDepsOf(context), login.customerId, "password reset", passwordResetText(services.settings.supportPhone));
  services.logger.info("password reset", { userId: login.userId, endedSessions: ended, unlocked: lifted });
  return { completed: true, username: login.username, passwordChanged: true };
}

/** Nothing was recovered: the person may finish the same challenge again. */
async function reopen(context: IdentityContext, challenge: StoredChallenge): Promise<void> {
  await change(context, challenge.id, { type: "reopen" }).catch(() => undefined);
}
