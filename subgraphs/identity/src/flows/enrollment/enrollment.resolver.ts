import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { EnrollInput } from "../../modules/enrollment/enroll.input";
import { EnrollmentRejected, EnrollmentSucceeded, EnrollResult } from "../../modules/enrollment/enroll.result";
import { runEnrollment } from "./enrollment.flow";

@Resolver()
export class EnrollmentResolver {
  @Mutation(() => EnrollResult, {
    description: `Sets up online credentials for an existing Bank, Invest or Auto account holder (joint
holders each enroll for themselves). The person proves who they are with their SSN or
Tax ID and the account number (or, for Auto, the VIN) of an account they hold.
Enrolling does not sign in.`,
  })
  async enroll(@Arg("input", () => EnrollInput) input: EnrollInput, @Ctx() context: IdentityContext): Promise<typeof EnrollResult> {
    const outcome = await runEnrollment(context, input);
    if (outcome.enrolled) return Object.assign(new EnrollmentSucceeded(), { username: outcome.username });
    return Object.assign(new EnrollmentRejected(), { code: outcome.code, message: outcome.message });
  }
}
