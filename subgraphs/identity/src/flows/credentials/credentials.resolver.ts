import { unauthenticated } from "@oa/platform";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { changePassword } from "./change-password.flow";
import { changeSecurityAnswers } from "./change-security-answers.flow";
import { toCredentialChangeRejected } from "./credential-change.outcomes";
import { ChangePasswordInput, ChangeSecurityAnswersInput } from "./credentials.inputs";
import { ChangePasswordResult, ChangeSecurityAnswersResult, PasswordChanged, SecurityAnswersChanged } from "./credentials.results";

@Resolver()
export class CredentialsResolver {
  @Mutation(() => ChangePasswordResult, {
    description: `Changes the signed-in user's password. A wrong currentPassword counts toward the lock.
Ends every other session of the user and sends a notice. Needs a session.`,
  })
  async changePassword(@Arg("input", () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() context: IdentityContext): Promise<typeof ChangePasswordResult> {
    if (!context.session) throw unauthenticated();
    const outcome = await changePassword(context, context.session, input);
    if (outcome.changed) return Object.assign(new PasswordChanged(), { endedSessions: outcome.endedSessions });
    return toCredentialChangeRejected(outcome.rejection);
  }

  @Mutation(() => ChangeSecurityAnswersResult, { description: "Replaces the signed-in user's three security answers. Needs a session and the password." })
  async changeSecurityAnswers(
    @Arg("input", () => ChangeSecurityAnswersInput) input: ChangeSecurityAnswersInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof ChangeSecurityAnswersResult> {
    if (!context.session) throw unauthenticated();
    const outcome = await changeSecurityAnswers(context, context.session, input);
    if (outcome.changed) return Object.assign(new SecurityAnswersChanged(), { changed: true });
    return toCredentialChangeRejected(outcome.rejection);
  }
}
