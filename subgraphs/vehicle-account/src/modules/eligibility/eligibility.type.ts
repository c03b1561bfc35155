import { Field, ObjectType, registerEnumType } from "type-graphql";
import { IneligibilityReason } from "./eligibility";

registerEnumType(IneligibilityReason, {
  name: "IneligibilityReason",
  valuesConfig: {
    LEASE_VEHICLE_RETURNED: { description: "The vehicle was returned on a SmartLease account." },
    CREDITOR_NOT_AUTHORIZED: { description: "Financed through a creditor that is not an authorized creditor." },
  },
});

@ObjectType()
export class SnapshotEligibility {
  @Field()
  eligible!: boolean;

  @Field(() => IneligibilityReason, { nullable: true, description: "Why not, when eligible is false." })
  reason!: IneligibilityReason | null;
}
