import { badUserInput } from "@oa/platform";
import { Args, Ctx, Directive, Query, Resolver } from "type-graphql";
import type { VehicleAccountContext } from "../../context";
import { parseAccountIdentifier } from "./account-identifier";
import { EnrollmentAccountCheckArgs } from "./enrollment-account-check.args";
import { EnrollmentAccountCheck } from "./enrollment-account-check.type";

@Resolver()
export class EnrollmentAccountCheckResolver {
  /** Internal: null when no vehicle account with that number or VIN lists customerId as a holder. */
  @Directive("@inaccessible")
  @Query(() => EnrollmentAccountCheck, { nullable: true })
  async enrollmentAccountCheck(
    @Args(() => EnrollmentAccountCheckArgs) { customerId, accountNumber, vin }: EnrollmentAccountCheckArgs,
    @Ctx() context: VehicleAccountContext,
  ): Promise<EnrollmentAccountCheck | null> {
    const given = [accountNumber, vin].filter((value) => typeof value === "string" && value.trim() !== "").length;
    if (given !== 1) throw badUserInput("Give exactly one of accountNumber or vin.");
    const parsed = parseAccountIdentifier({ accountNumber, vin });
    // A malformed number or VIN names no account on file.
    if (!parsed.ok) return null;
    const account = await context.loaders.heldAccount.load({ customerId, identifier: parsed.identifier, userId: null });
    if (!account) return null;
    const { eligible, reason } = context.services.eligibility.evaluate(account);
    return { accountId: account.id, eligible, reason };
  }
}
