import { Field, ObjectType, registerEnumType } from "type-graphql";
import { IneligibilityReason } from "./eligibility";

registerEnumType(IneligibilityReason, {
  name: "IneligibilityReason",
  description: "Why a vehicle account may not be on a Snapshot.",
  valuesConfig: {
    PAID_IN_FULL: { description: "The account is paid in full." },
    LEASE_VEHICLE_RETURNED: { description: "The vehicle was returned on a SmartLease account." },
    ACCOUNT_CLOSED: { description: "The account is closed." },
    ACCOUNT_CANCELED: { description: "The account was canceled." },
    CREDITOR_NOT_AUTHORIZED: { description: "Financed through a creditor that is not an authorized creditor." },
  },
});

@ObjectType({ description: "Whether a vehicle account may be on a Snapshot, judged from the account as it is now." })
export class SnapshotEligibility {
  @Field({ description: "True when it may." })
  eligible!: boolean;

  @Field(() => IneligibilityReason, { nullable: true, description: "Why not, when eligible is false." })
  reason!: IneligibilityReason | null;
}
