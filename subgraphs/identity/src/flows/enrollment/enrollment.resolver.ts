import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { EnrollInput } from "../../modules/enrollment/enroll.input";
import { EnrollmentRejected, EnrollmentSucceeded, EnrollResult } from "../../modules/enrollment/enroll.result";
import { EnrollmentRejection } from "../../modules/enrollment/enrollment-rejection";
import { holderVerificationOf, requestOf } from "../../request-ports";
import { type EnrollmentDeps, runEnrollment } from "./enrollment.flow";
import type { EnrollmentOutcome } from "./enrollment.outcome";

@Resolver()
export class EnrollmentResolver {
  @Mutation(() => EnrollResult, {
    description: `Sets up online credentials for an existing Bank, Invest or Auto account holder (joint
holders each enroll for themselves). The person proves who they are with their SSN or
Tax ID and the account number (or, for Auto, the VIN) of an account they hold.
Enrolling does not sign in.`,
  })
  async enroll(
    @Arg("input", () => EnrollInput, { description: "The person's proof, and the credentials they choose." }) input: EnrollInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof EnrollResult> {
    return toEnrollResult(await runEnrollment(enrollmentDeps(context), requestOf(context), input));
  }
}

function toEnrollResult(outcome: EnrollmentOutcome): typeof EnrollResult {
  if (outcome.kind === "enrolled") return Object.assign(new EnrollmentSucceeded(), { username: outcome.username });
  return Object.assign(new EnrollmentRejected(), { code: EnrollmentRejection[outcome.code], message: outcome.message });
}

function enrollmentDeps(context: IdentityContext): EnrollmentDeps {
  const { services, loaders } = context;
  return {
    ...holderVerificationOf(context),
    catalog: services.catalog,
    lookupHmacKey: services.settings.lookupHmacKey,
    loginIdByCustomer: loaders.loginIdByCustomer,
    loginIdByUsernameKey: loaders.loginIdByUsernameKey,
    dataSource: services.dataSource,
    securityEvents: services.securityEvents,
  };
}
