import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { toStepUpChallenge } from "../../modules/step-up/challenge-view";
import { StepUpChallenge } from "../../modules/step-up/step-up-challenge.type";
import { sendSecurityCode } from "./send-security-code.flow";
import { SendSecurityCodeInput, VerifyStepUpInput } from "./step-up.inputs";
import { SendSecurityCodeResult, VerifyStepUpResult } from "./step-up.results";
import { verifyStepUp } from "./verify-step-up.flow";

@Resolver()
export class StepUpResolver {
  @Query(() => StepUpChallenge, { nullable: true, description: "The questions for a pending step-up challenge. null for an unknown or expired id." })
  async stepUpChallenge(@Arg("id", () => ID) id: string, @Ctx() context: IdentityContext): Promise<StepUpChallenge | null> {
    const challenge = await context.services.stepUpChallenges.findPending(id);
    if (!challenge) return null;
    return toStepUpChallenge(challenge, await context.services.catalog.byId());
  }

  @Mutation(() => SendSecurityCodeResult, { description: "Sends a single-use security code for a pending step-up or recovery challenge to a contact on file." })
  sendSecurityCode(
    @Arg("input", () => SendSecurityCodeInput) input: SendSecurityCodeInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof SendSecurityCodeResult> {
    return sendSecurityCode(context, input);
  }

  @Mutation(() => VerifyStepUpResult, {
    description:
      "Completes a step-up challenge with the security code or the answers to its challenge\n" +
      "questions. On success it signs in, and registers this device when rememberDevice is given.",
  })
  verifyStepUp(@Arg("input", () => VerifyStepUpInput) input: VerifyStepUpInput, @Ctx() context: IdentityContext): Promise<typeof VerifyStepUpResult> {
    return verifyStepUp(context, input);
  }
}
