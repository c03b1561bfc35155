import type { ForwardedSession } from "@oa/platform";
import type { IdentityContext } from "../../context";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import { securityAnswersChangedText } from "../../modules/notice/message-texts";
import { noticeDepsOf, noticeToPerson } from "../../modules/notice/person-notice";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import { checkSecurityAnswers } from "../../modules/security-question/security-answers-rule";
import { SecurityAnswerEntity } from "../../modules/security-question/security-question.entity";
import { type ChangeSecurityAnswersOutcome, credentialRejected } from "./credential-change.outcomes";
import { CredentialChangeRejection } from "./credentials.results";
import type { ChangeSecurityAnswersInput } from "./credentials.inputs";
import { checkCurrentPassword } from "./current-password";

/**
 * changeSecurityAnswers (the resolver requires a session), step by step:
 *   not three answers to three different catalog questions, or one empty or over 100 characters
 *                                                  → INVALID_ANSWERS (the message names the rule; nothing counted)
 *   the current password (checkCurrentPassword)    → ACCOUNT_LOCKED / WRONG_CURRENT_PASSWORD (counted)
 *   then the three answers are hashed and replace the old ones, with SECURITY_ANSWERS_CHANGED, in
 *   one transaction, and every contact on file gets a notice.
 */
export async function changeSecurityAnswers(
  context: IdentityContext,
  session: ForwardedSession,
  input: ChangeSecurityAnswersInput,
): Promise<ChangeSecurityAnswersOutcome> {
  const { services } = context;
  const checked = checkSecurityAnswers(input.securityAnswers, await services.catalog.ids());
  if (!checked.valid) return { changed: false, rejection: credentialRejected(CredentialChangeRejection.INVALID_ANSWERS, checked.message) };

  const current = await checkCurrentPassword(context, session, input.currentPassword);
  if (!current.right) return { changed: false, rejection: current.rejection };
  const { userId, customerId } = current.login;

  // argon2 is costly on purpose: only now, once every check has passed.
  const hashes = await Promise.all(checked.answers.map((answer) => hashSecret(answer.normalisedAnswer)));
  await services.dataSource.transaction(async (manager) => {
    await manager.delete(SecurityAnswerEntity, { userId });
    await manager.insert(
      SecurityAnswerEntity,
      checked.answers.map((answer, index) => ({ userId, questionId: answer.questionId, answerHash: hashes[index] })),
    );
    await services.securityEvents.record({ userId, kind: SecurityEventKind.SECURITY_ANSWERS_CHANGED, clientAddress: context.credential.clientIp, deviceId: session.deviceId }, manager);
  });
  context.loaders.securityAnswers.clear(userId);
  noticeToPerson(noticeDepsOf(context), customerId, "security answers changed", securityAnswersChangedText(services.settings.supportPhone));
  services.logger.info("security answers changed", { userId });
  return { changed: true };
}
