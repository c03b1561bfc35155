import type { IdentityContext } from "../../context";
import type { CustomerEntity } from "../../modules/customer/customer.entity";
import { AccountType } from "../../modules/enrollment/account-type";
import type { ValidEnrollment } from "./enrollment-input";
import { checkEnrollmentAccount } from "./vehicle-account.calls";

/** A customer on file proven to hold the account they named. */
export interface VerifiedHolder {
  customer: CustomerEntity;
  /** For AUTO: the vehicle account to put on the Snapshot, and whether it may be. */
  vehicleAccount: { accountId: string; eligible: boolean } | null;
}

/**
 * The customer with that tax id, if they hold the account as primary or joint holder; null for
 * anything else (no such customer, no such account, someone else's account, another product).
 */
export async function verifyAccountHolder(
  context: IdentityContext,
  enrollment: ValidEnrollment,
  taxIdLookup: string,
): Promise<VerifiedHolder | null> {
  const customer = await context.loaders.customerByTaxIdLookup.load(taxIdLookup);
  if (!customer) return null;

  if (enrollment.accountType === AccountType.AUTO) {
    const check = await checkEnrollmentAccount(context.services.vehicleAccount, customer.id, {
      accountNumber: enrollment.accountNumber,
      vin: enrollment.vin,
    });
    return check ? { customer, vehicleAccount: { accountId: check.accountId, eligible: check.eligible } } : null;
  }

  const account = enrollment.accountNumber ? await context.loaders.depositAccount.load(enrollment.accountNumber) : null;
  const holds = account?.product === enrollment.accountType && account.holderIds.includes(customer.id);
  return holds ? { customer, vehicleAccount: null } : null;
}
