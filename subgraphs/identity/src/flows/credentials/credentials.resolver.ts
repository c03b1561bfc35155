import type { ForwardedSession } from "@oa/platform";
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { CurrentSession } from "../../access";
import type { IdentityContext } from "../../context";
import type { PersonNotices } from "../../modules/notice/person-notices";
import { noticesOf, passwordCheckOf, requestOf } from "../../request-ports";
import { changePassword, type ChangePasswordDeps } from "./change-password.flow";
import { changeSecurityAnswers, type ChangeSecurityAnswersDeps } from "./change-security-answers.flow";
import { ChangePasswordInput, ChangeSecurityAnswersInput } from "./credentials.inputs";
import type { CurrentPasswordDeps } from "./current-password";
import { ChangePasswordResult, ChangeSecurityAnswersResult, PasswordChanged, SecurityAnswersChanged, toCredentialChangeRejected } from "./credentials.results";

@Resolver()
export class CredentialsResolver {
  @Authorized()
  @Mutation(() => ChangePasswordResult, {
    description: `Changes the signed-in user's password. A wrong currentPassword counts toward the lock.
Ends every other session of the user and sends a notice. Needs a session.`,
  })
  async changePassword(
    @Arg("input", () => ChangePasswordInput, { description: "The current password and the new one." }) input: ChangePasswordInput,
    @CurrentSession() session: ForwardedSession,
    @Ctx() context: IdentityContext,
  ): Promise<typeof ChangePasswordResult> {
    const outcome = await changePassword(changePasswordDeps(context), { ...requestOf(context), session }, input);
    if (outcome.kind === "changed") return Object.assign(new PasswordChanged(), { endedSessions: outcome.endedSessions });
    return toCredentialChangeRejected(outcome);
  }

  @Authorized()
  @Mutation(() => ChangeSecurityAnswersResult, { description: "Replaces the signed-in user's three security answers. Needs a session and the password." })
  async changeSecurityAnswers(
    @Arg("input", () => ChangeSecurityAnswersInput, { description: "The current password and the three new answers." }) input: ChangeSecurityAnswersInput,
    @CurrentSession() session: ForwardedSession,
    @Ctx() context: IdentityContext,
  ): Promise<typeof ChangeSecurityAnswersResult> {
    const outcome = await changeSecurityAnswers(changeSecurityAnswersDeps(context), { ...requestOf(context), session }, input);
    if (outcome.kind === "changed") return Object.assign(new SecurityAnswersChanged(), { changed: true });
    return toCredentialChangeRejected(outcome);
  }
}

function changePasswordDeps(context: IdentityContext): ChangePasswordDeps {
  const { services } = context;
  return { ...currentPasswordDeps(context), taxIdEncryptionKey: services.settings.taxIdEncryptionKey, sessions: services.sessions };
}

function changeSecurityAnswersDeps(context: IdentityContext): ChangeSecurityAnswersDeps {
  return { ...currentPasswordDeps(context), catalog: context.services.catalog, securityAnswers: context.loaders.securityAnswers };
}

/** Both changes check the current password first, and tell the person afterwards. */
function currentPasswordDeps(context: IdentityContext): CurrentPasswordDeps & { notices: PersonNotices } {
  const { services } = context;
  return {
    dataSource: services.dataSource,
    checkPassword: passwordCheckOf(context),
    lockout: services.lockout,
    clientAttempts: services.clientAttempts,
    securityEvents: services.securityEvents,
    notices: noticesOf(context),
    logger: services.logger,
    supportPhone: services.settings.supportPhone,
  };
}
