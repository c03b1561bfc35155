import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { Device } from "../../modules/device/device.type";
import { toSession } from "../../modules/session/session.type";
import { challengeView } from "../../modules/step-up/challenge-view";
import { StepUpChallenge, toStepUpChallenge } from "../../modules/step-up/step-up-challenge.type";
import { challengeStepsOf, noticesOf, requestOf } from "../../request-ports";
import { sendSecurityCode, type SendSecurityCodeDeps } from "./send-security-code.flow";
import { SendSecurityCodeInput, VerifyStepUpInput } from "./step-up.inputs";
import type { SendSecurityCodeOutcome, VerifyStepUpOutcome } from "./step-up.outcome";
import { RegisteredDevice, SecurityCodeSent, SendSecurityCodeResult, StepUpSucceeded, toStepUpRejected, VerifyStepUpResult } from "./step-up.results";
import { verifyStepUp, type VerifyStepUpDeps } from "./verify-step-up.flow";

@Resolver()
export class StepUpResolver {
  @Query(() => StepUpChallenge, { nullable: true, description: "The questions for a pending step-up challenge. null for an unknown or expired id." })
  async stepUpChallenge(
    @Arg("id", () => ID, { description: "The challenge's id (StepUpChallenge.id)." }) id: string,
    @Ctx() context: IdentityContext,
  ): Promise<StepUpChallenge | null> {
    const { stepUpChallenges, catalog } = context.services;
    const challenge = await stepUpChallenges.findPending(id);
    if (!challenge) return null;
    return toStepUpChallenge(challengeView(challenge, await catalog.byId()));
  }

  @Mutation(() => SendSecurityCodeResult, { description: "Sends a single-use security code for a pending step-up or recovery challenge to a contact on file." })
  async sendSecurityCode(
    @Arg("input", () => SendSecurityCodeInput, { description: "The challenge, and by which code method." }) input: SendSecurityCodeInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof SendSecurityCodeResult> {
    return toSendSecurityCodeResult(await sendSecurityCode(sendSecurityCodeDeps(context), input));
  }

  @Mutation(() => VerifyStepUpResult, {
    description:
      "Completes a step-up challenge with the security code or the answers to its challenge\n" +
      "questions. On success it signs in, and registers this device when rememberDevice is given.",
  })
  async verifyStepUp(
    @Arg("input", () => VerifyStepUpInput, { description: "The challenge, its code or answers, and whether to remember this device." }) input: VerifyStepUpInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof VerifyStepUpResult> {
    return toVerifyStepUpResult(await verifyStepUp(verifyStepUpDeps(context), requestOf(context), input));
  }
}

function toSendSecurityCodeResult(outcome: SendSecurityCodeOutcome): typeof SendSecurityCodeResult {
  if (outcome.kind === "rejected") return toStepUpRejected(outcome);
  const { destination, expiresAt, resendAfterSeconds } = outcome;
  return Object.assign(new SecurityCodeSent(), { destination, expiresAt, resendAfterSeconds });
}

function toVerifyStepUpResult(outcome: VerifyStepUpOutcome): typeof VerifyStepUpResult {
  if (outcome.kind === "rejected") return toStepUpRejected(outcome);
  const registered = outcome.registeredDevice;
  return Object.assign(new StepUpSucceeded(), {
    session: toSession(outcome.session),
    // identity has just registered it: the device of this very session.
    registeredDevice: registered
      ? Object.assign(new RegisteredDevice(), { deviceToken: registered.deviceToken, device: Object.assign(new Device(), { ...registered.device, current: true }) })
      : null,
  });
}

function verifyStepUpDeps(context: IdentityContext): VerifyStepUpDeps {
  const { services, loaders } = context;
  return {
    challenges: challengeStepsOf(context),
    lookupHmacKey: services.settings.lookupHmacKey,
    storedAnswers: loaders.securityAnswers,
    lockout: services.lockout,
    clientAttempts: services.clientAttempts,
    deviceTrust: services.deviceTrust,
    securityEvents: services.securityEvents,
    notices: noticesOf(context),
    sessions: services.sessions,
    logger: services.logger,
    supportPhone: services.settings.supportPhone,
  };
}

function sendSecurityCodeDeps(context: IdentityContext): SendSecurityCodeDeps {
  const { services, loaders } = context;
  return {
    challenges: challengeStepsOf(context),
    lockout: services.lockout,
    contacts: loaders.customerContact,
    codeSends: services.codeSends,
    notifier: services.notifier,
    logger: services.logger,
    lookupHmacKey: services.settings.lookupHmacKey,
    codeTtlSeconds: services.settings.securityCodeTtlSeconds,
    supportPhone: services.settings.supportPhone,
  };
}
