import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { toCredentialChangeRejected } from "../credentials/credential-change.outcomes";
import { completeRecovery } from "./complete-recovery.flow";
import { CompleteRecoveryInput, StartRecoveryInput } from "./recovery.inputs";
import { CompleteRecoveryResult, RecoveryCompleted, RecoveryRejected, RecoveryStarted, StartRecoveryResult } from "./recovery.results";
import { startRecovery } from "./start-recovery.flow";

@Resolver()
export class RecoveryResolver {
  @Mutation(() => StartRecoveryResult, {
    description: `Starts account recovery for an enrolled person who forgot their username or password, or who
is locked out. They prove who they are as at enrollment (tax id with an account number, or
with a VIN for AUTO); the challenge that follows offers only the code methods, to contacts on
file. Attempts are limited per tax id, per account and per client.`,
  })
  async startRecovery(@Arg("input", () => StartRecoveryInput) input: StartRecoveryInput, @Ctx() context: IdentityContext): Promise<typeof StartRecoveryResult> {
    const outcome = await startRecovery(context, input);
    if (outcome.started) return Object.assign(new RecoveryStarted(), { challenge: outcome.challenge });
    return Object.assign(new RecoveryRejected(), { code: outcome.code, message: outcome.message, retryAfterSeconds: outcome.retryAfterSeconds });
  }

  @Mutation(() => CompleteRecoveryResult, {
    description: `Completes recovery with the code sent for its challenge. Answers the username; with
newPassword it also sets the password, lifts any lock, ends every session, and sends a notice
to every contact on file. A password that breaks a rule is refused before the code is used.`,
  })
  async completeRecovery(
    @Arg("input", () => CompleteRecoveryInput) input: CompleteRecoveryInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof CompleteRecoveryResult> {
    const outcome = await completeRecovery(context, input);
    if (outcome.completed) return Object.assign(new RecoveryCompleted(), { username: outcome.username, passwordChanged: outcome.passwordChanged });
    return "stepUp" in outcome ? outcome.stepUp : toCredentialChangeRejected(outcome.credential);
  }
}
