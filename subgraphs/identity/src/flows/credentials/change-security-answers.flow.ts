import type DataLoader from "dataloader";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { checkSecurityAnswers, type GivenAnswer } from "../../modules/security-question/security-answers-rule";
import { SecurityAnswerEntity } from "../../modules/security-question/security-question.entity";
import type { SecurityQuestionCatalog } from "../../modules/security-question/security-question.service";
import { type ChangeSecurityAnswersOutcome, credentialRefusals } from "./credential-change.outcome";
import { checkCurrentPassword, type CredentialRequest, type CurrentPasswordDeps } from "./current-password";

/** What changing the security answers uses, and nothing else (the current password's check: CurrentPasswordDeps). */
export interface ChangeSecurityAnswersDeps extends CurrentPasswordDeps {
  catalog: Pick<SecurityQuestionCatalog, "ids">;
  /** The request's loader of answer hashes: forgets the old ones once replaced. */
  securityAnswers: Pick<DataLoader<string, unknown>, "clear">;
  notices: Pick<PersonNotices, "accessLocked" | "securityAnswersChanged">;
}

/**
 * changeSecurityAnswers (it needs a session: the resolver is @Authorized), step by step:
 *   not three answers to three different catalog questions, or one empty or over 100 characters
 *                                                  → INVALID_ANSWERS (the message names the rule; nothing counted)
 *   the current password (checkCurrentPassword)    → ACCOUNT_LOCKED / WRONG_CURRENT_PASSWORD (counted)
 *   then the three answers are hashed and replace the old ones, with SECURITY_ANSWERS_CHANGED, in
 *   one transaction, and every contact on file gets a notice.
 */
export async function changeSecurityAnswers(
  deps: ChangeSecurityAnswersDeps,
  request: CredentialRequest,
  input: { currentPassword: string; securityAnswers: GivenAnswer[] },
): Promise<ChangeSecurityAnswersOutcome> {
  const checked = checkSecurityAnswers(input.securityAnswers, await deps.catalog.ids());
  if (!checked.valid) return credentialRefusals.invalidAnswers(checked.message);

  const current = await checkCurrentPassword(deps, request, input.currentPassword);
  if (!current.right) return current.refusal;
  const { userId, customerId } = current.login;

  // argon2 is costly on purpose: only now, once every check has passed.
  const hashes = await Promise.all(checked.answers.map((answer) => hashSecret(answer.normalisedAnswer)));
  await deps.dataSource.transaction(async (manager) => {
    await manager.delete(SecurityAnswerEntity, { userId });
    await manager.insert(
      SecurityAnswerEntity,
      checked.answers.map((answer, index) => ({ userId, questionId: answer.questionId, answerHash: hashes[index] })),
    );
    await deps.securityEvents.record(
      { userId, kind: SecurityEventKind.SECURITY_ANSWERS_CHANGED, clientAddress: request.clientAddress, deviceId: request.session.deviceId },
      manager,
    );
  });
  deps.securityAnswers.clear(userId);
  deps.notices.securityAnswersChanged(customerId);
  deps.logger.info("security answers changed", { userId });
  return { kind: "changed" };
}
