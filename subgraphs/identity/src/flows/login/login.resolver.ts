import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { toSession } from "../../modules/session/session.type";
import { toStepUpChallenge } from "../../modules/step-up/step-up-challenge.type";
import { noticesOf, passwordCheckOf, requestOf } from "../../request-ports";
import { type LoginDeps, signIn } from "./login.flow";
import { LoginInput } from "./login.input";
import type { LoginOutcome } from "./login.outcome";
import { LoginRejected, LoginRejection, LoginResult, LoginSucceeded, StepUpRequired } from "./login.result";

@Resolver()
export class LoginResolver {
  @Mutation(() => LoginResult, {
    description:
      "Username and password sign-in. From a registered device (valid deviceToken of this\n" +
      "user) it signs in at once; from any other device it answers StepUpRequired.\n" +
      "Failed attempts count toward a temporary lock of the online access.",
  })
  async login(
    @Arg("input", () => LoginInput, { description: "The username and password, and how to hand the session over." }) input: LoginInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof LoginResult> {
    return toLoginResult(await signIn(loginDeps(context), requestOf(context), input));
  }
}

function toLoginResult(outcome: LoginOutcome): typeof LoginResult {
  switch (outcome.kind) {
    case "signedIn":
      return Object.assign(new LoginSucceeded(), { session: toSession(outcome.session) });
    case "stepUpRequired":
      return Object.assign(new StepUpRequired(), { challenge: toStepUpChallenge(outcome.challenge) });
    case "rejected":
      return Object.assign(new LoginRejected(), { code: LoginRejection[outcome.code], message: outcome.message, retryAfterSeconds: outcome.retryAfterSeconds });
  }
}

/** What a sign-in is given: the shared services, and the request's loaders. */
function loginDeps(context: IdentityContext): LoginDeps {
  const { services, loaders } = context;
  return {
    logins: loaders.loginCredential,
    checkPassword: passwordCheckOf(context),
    lockout: services.lockout,
    clientAttempts: services.clientAttempts,
    deviceTrust: services.deviceTrust,
    securityEvents: services.securityEvents,
    notices: noticesOf(context),
    sessions: services.sessions,
    logger: services.logger,
    supportPhone: services.settings.supportPhone,
    // The step-up challenge it may open.
    contacts: loaders.customerContact,
    securityAnswers: loaders.securityAnswers,
    catalog: services.catalog,
    challengeStore: services.stepUpChallenges,
  };
}
