import type { ForwardedSession } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { checkPassword, checkPasswordForm } from "../../modules/credentials/password-policy";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import { passwordChangedText } from "../../modules/notice/message-texts";
import { noticeDepsOf, noticeToPerson } from "../../modules/notice/person-notice";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { endSessions } from "../../modules/session/end-sessions";
import { passwordOwnerOf } from "../../modules/user/login-owner";
import { updatePasswordHash } from "../../modules/user/password-update";
import { type ChangePasswordOutcome, credentialRejected } from "./credential-change.outcomes";
import { CredentialChangeRejection } from "./credentials.results";
import type { ChangePasswordInput } from "./credentials.inputs";
import { checkCurrentPassword } from "./current-password";

/**
 * changePassword (the resolver requires a session), step by step; the first step that fails
 * decides the answer:
 *   the new password's form (length, common)       → WEAK_PASSWORD (nothing counted, nothing hashed)
 *   the current password (checkCurrentPassword)    → ACCOUNT_LOCKED / WRONG_CURRENT_PASSWORD (counted)
 *   the new password equal to the current one      → SAME_AS_CURRENT
 *   the password rules about the person on file    → WEAK_PASSWORD (the message names the rule)
 *   then the new hash is written with PASSWORD_CHANGED in one transaction, every other session of
 *   the user ends (SESSIONS_ENDED), and every contact on file gets a notice.
 * The rules about the person (name, birth date, tax id digits) wait for the current password, so
 * a stolen session cannot use them to learn those details.
 */
export async function changePassword(context: IdentityContext, session: ForwardedSession, input: ChangePasswordInput): Promise<ChangePasswordOutcome> {
  const { services } = context;
  const form = checkPasswordForm(input.newPassword);
  if (form) return { changed: false, rejection: credentialRejected(CredentialChangeRejection.WEAK_PASSWORD, form.message) };

  const current = await checkCurrentPassword(context, session, input.currentPassword);
  if (!current.right) return { changed: false, rejection: current.rejection };
  const { login } = current;
  if (input.newPassword === input.currentPassword) return { changed: false, rejection: credentialRejected(CredentialChangeRejection.SAME_AS_CURRENT) };
  const weakness = checkPassword(input.newPassword, passwordOwnerOf(login, services.settings.taxIdEncryptionKey));
  if (weakness) return { changed: false, rejection: credentialRejected(CredentialChangeRejection.WEAK_PASSWORD, weakness.message) };

  // argon2 is costly on purpose: only now, once every check has passed.
  const passwordHash = await hashSecret(input.newPassword);
  const origin = { userId: login.userId, clientAddress: context.credential.clientIp, deviceId: session.deviceId };
  const written = await updatePasswordHash(services, { userId: login.userId, passwordHash, replacing: login.passwordHash }, [
    { ...origin, kind: SecurityEventKind.PASSWORD_CHANGED },
  ]);
  // Another request changed the password since it was checked: the one given is no longer current.
  if (!written) return { changed: false, rejection: credentialRejected(CredentialChangeRejection.WRONG_CURRENT_PASSWORD) };

  const endedSessions = await endSessions(services, login.userId, { except: session.id }, { clientAddress: context.credential.clientIp, deviceId: session.deviceId });
  noticeToPerson(noticeDepsOf(context), login.customerId, "password changed", passwordChangedText(services.settings.supportPhone));
  services.logger.info("password changed", { userId: login.userId, endedSessions });
  return { changed: true, endedSessions };
}
