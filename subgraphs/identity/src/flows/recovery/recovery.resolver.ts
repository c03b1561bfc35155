import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { toStepUpChallenge } from "../../modules/step-up/step-up-challenge.type";
import { challengeStepsOf, holderVerificationOf, noticesOf, requestOf } from "../../request-ports";
import { toCredentialChangeRejected } from "../credentials/credentials.results";
import { toStepUpRejected } from "../step-up/step-up.results";
import { completeRecovery, type CompleteRecoveryDeps } from "./complete-recovery.flow";
import { CompleteRecoveryInput, StartRecoveryInput } from "./recovery.inputs";
import type { CompleteRecoveryOutcome, StartRecoveryOutcome } from "./recovery.outcome";
import { CompleteRecoveryResult, RecoveryCompleted, RecoveryRejected, RecoveryRejection, RecoveryStarted, StartRecoveryResult } from "./recovery.results";
import { startRecovery, type StartRecoveryDeps } from "./start-recovery.flow";

@Resolver()
export class RecoveryResolver {
  @Mutation(() => StartRecoveryResult, {
    description: `Starts account recovery for an enrolled person who forgot their username or password, or who
is locked out. They prove who they are as at enrollment (tax id with an account number, or
with a VIN for AUTO); the challenge that follows offers only the code methods, to contacts on
file. Attempts are limited per tax id, per account and per client.`,
  })
  async startRecovery(
    @Arg("input", () => StartRecoveryInput, { description: "The person's proof, as at enrollment." }) input: StartRecoveryInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof StartRecoveryResult> {
    return toStartRecoveryResult(await startRecovery(startRecoveryDeps(context), requestOf(context), input));
  }

  @Mutation(() => CompleteRecoveryResult, {
    description: `Completes recovery with the code sent for its challenge. Answers the username; with
newPassword it also sets the password, lifts any lock, ends every session, and sends a notice
to every contact on file. A password that breaks a rule is refused before the code is used.`,
  })
  async completeRecovery(
    @Arg("input", () => CompleteRecoveryInput, { description: "The challenge, the code sent for it and, to reset it, the new password." }) input: CompleteRecoveryInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof CompleteRecoveryResult> {
    return toCompleteRecoveryResult(await completeRecovery(completeRecoveryDeps(context), requestOf(context), input));
  }
}

function toStartRecoveryResult(outcome: StartRecoveryOutcome): typeof StartRecoveryResult {
  if (outcome.kind === "started") return Object.assign(new RecoveryStarted(), { challenge: toStepUpChallenge(outcome.challenge) });
  const { code, message, retryAfterSeconds } = outcome;
  return Object.assign(new RecoveryRejected(), { code: RecoveryRejection[code], message, retryAfterSeconds });
}

function toCompleteRecoveryResult(outcome: CompleteRecoveryOutcome): typeof CompleteRecoveryResult {
  switch (outcome.kind) {
    case "completed":
      return Object.assign(new RecoveryCompleted(), { username: outcome.username, passwordChanged: outcome.passwordChanged });
    case "codeRefused":
      return toStepUpRejected(outcome.refusal);
    case "passwordRefused":
      return toCredentialChangeRejected(outcome.refusal);
  }
}

function startRecoveryDeps(context: IdentityContext): StartRecoveryDeps {
  const { services, loaders } = context;
  return {
    ...holderVerificationOf(context),
    lookupHmacKey: services.settings.lookupHmacKey,
    dataSource: services.dataSource,
    contacts: loaders.customerContact,
    lockout: services.lockout,
    challengeStore: services.stepUpChallenges,
    supportPhone: services.settings.supportPhone,
  };
}

function completeRecoveryDeps(context: IdentityContext): CompleteRecoveryDeps {
  const { services } = context;
  return {
    challenges: challengeStepsOf(context),
    lookupHmacKey: services.settings.lookupHmacKey,
    clientAttempts: services.clientAttempts,
    dataSource: services.dataSource,
    securityEvents: services.securityEvents,
    taxIdEncryptionKey: services.settings.taxIdEncryptionKey,
    lockout: services.lockout,
    deviceTrust: services.deviceTrust,
    sessions: services.sessions,
    notices: noticesOf(context),
    logger: services.logger,
    supportPhone: services.settings.supportPhone,
  };
}
