import { badUserInput, requireInternalCaller } from "@oa/platform";
import { Args, Ctx, Directive, Query, Resolver } from "type-graphql";
import type { VehicleAccountContext } from "../../context";
import { parseAccountIdentifier } from "./account-identifier";
import { EnrollmentAccountCheckArgs } from "./enrollment-account-check.args";
import { EnrollmentAccountCheck } from "./enrollment-account-check.type";

@Resolver()
export class EnrollmentAccountCheckResolver {
  /** Internal (identity's alone): null when no vehicle account with that number or VIN lists customerId as a holder. */
  @Directive("@inaccessible")
  @Query(() => EnrollmentAccountCheck, { nullable: true })
  async enrollmentAccountCheck(
    @Args(() => EnrollmentAccountCheckArgs) { customerId, accountNumber, vin }: EnrollmentAccountCheckArgs,
    @Ctx() context: VehicleAccountContext,
  ): Promise<EnrollmentAccountCheck | null> {
    requireInternalCaller(context.credential, "identity", "enrollmentAccountCheck");
    const parsed = parseAccountIdentifier({ accountNumber, vin });
    if (!parsed.ok) {
      // Both or neither is a faulty call; a malformed number or VIN names no account on file.
      if (parsed.problem === "notExactlyOne") throw badUserInput("Give exactly one of accountNumber or vin.");
      return null;
    }
    const account = await context.loaders.heldAccount.load({ customerId, identifier: parsed.identifier, userId: null });
    if (!account) return null;
    const { eligible, reason } = context.services.eligibility.evaluate(account);
    return { accountId: account.id, eligible, reason };
  }
}
