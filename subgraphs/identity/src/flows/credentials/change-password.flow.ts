import type { SessionStore } from "@oa/platform";
import { checkPassword, checkPasswordForm } from "../../modules/credentials/password-policy";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { endSessions } from "../../modules/session/end-sessions";
import { passwordOwnerOf } from "../../modules/user/login-owner";
import { updatePasswordHash } from "../../modules/user/password-update";
import { type ChangePasswordOutcome, credentialRefusals } from "./credential-change.outcome";
import { checkCurrentPassword, type CredentialRequest, type CurrentPasswordDeps } from "./current-password";

/** What a password change uses, and nothing else (the current password's check: CurrentPasswordDeps). */
export interface ChangePasswordDeps extends CurrentPasswordDeps {
  /** TAX_ID_ENCRYPTION_KEY: the password rules compare with the tax id on file. */
  taxIdEncryptionKey: Buffer;
  /** Every other session of the user ends. */
  sessions: SessionStore;
  notices: Pick<PersonNotices, "accessLocked" | "passwordChanged">;
}

/**
 * changePassword (it needs a session: the resolver is @Authorized), step by step; the first step
 * that fails decides the answer:
 *   the new password's form (length, common)       → WEAK_PASSWORD (nothing counted, nothing hashed)
 *   the current password (checkCurrentPassword)    → ACCOUNT_LOCKED / WRONG_CURRENT_PASSWORD (counted)
 *   the new password equal to the current one      → SAME_AS_CURRENT
 *   the password rules about the person on file    → WEAK_PASSWORD (the message names the rule)
 *   then the new hash is written with PASSWORD_CHANGED in one transaction, every other session of
 *   the user ends (SESSIONS_ENDED), and every contact on file gets a notice.
 * The rules about the person (name, birth date, tax id digits) wait for the current password, so
 * a stolen session cannot use them to learn those details.
 */
export async function changePassword(
  deps: ChangePasswordDeps,
  request: CredentialRequest,
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordOutcome> {
  const { session } = request;
  const form = checkPasswordForm(input.newPassword);
  if (form) return credentialRefusals.weakPassword(form.message);

  const current = await checkCurrentPassword(deps, request, input.currentPassword);
  if (!current.right) return current.refusal;
  const { login } = current;
  if (input.newPassword === input.currentPassword) return credentialRefusals.sameAsCurrent();
  const weakness = checkPassword(input.newPassword, passwordOwnerOf(login, deps.taxIdEncryptionKey));
  if (weakness) return credentialRefusals.weakPassword(weakness.message);

  // argon2 is costly on purpose: only now, once every check has passed.
  const passwordHash = await hashSecret(input.newPassword);
  const origin = { userId: login.userId, clientAddress: request.clientAddress, deviceId: session.deviceId };
  const written = await updatePasswordHash(deps, { userId: login.userId, passwordHash, replacing: login.passwordHash }, [{ ...origin, kind: SecurityEventKind.PASSWORD_CHANGED }]);
  // Another request changed the password since it was checked: the one given is no longer current.
  if (!written) return credentialRefusals.wrongCurrentPassword();

  const endedSessions = await endSessions(deps, login.userId, { except: session.id }, { clientAddress: request.clientAddress, deviceId: session.deviceId });
  deps.notices.passwordChanged(login.customerId);
  deps.logger.info("password changed", { userId: login.userId, endedSessions });
  return { kind: "changed", endedSessions };
}
