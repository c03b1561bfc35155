import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { IneligibilityReason } from "../../eligibility/eligibility";
import { VehicleAccount } from "../../vehicle-account/vehicle-account.type";

/** Why addVehicle did not add the vehicle. Stable: clients switch on these. */
export const AddVehicleRejection = {
  /** No vehicle account with that number or VIN lists the user's customer as a holder. */
  NOT_VERIFIED: "NOT_VERIFIED",
  /** The account is on the user's Snapshot already. */
  ALREADY_ADDED: "ALREADY_ADDED",
  /** The account is the user's but not eligible; `reason` says why. */
  INELIGIBLE_ACCOUNT: "INELIGIBLE_ACCOUNT",
  /** Too many NOT_VERIFIED answers lately; addVehicle is refused for a while. */
  TOO_MANY_ATTEMPTS: "TOO_MANY_ATTEMPTS",
  /** Not exactly one of account number and VIN, or a malformed one. */
  INVALID_INPUT: "INVALID_INPUT",
} as const;
export type AddVehicleRejection = (typeof AddVehicleRejection)[keyof typeof AddVehicleRejection];

registerEnumType(AddVehicleRejection, {
  name: "AddVehicleRejection",
  valuesConfig: {
    NOT_VERIFIED: { description: "No vehicle account with that number or VIN lists the user as a holder." },
  },
});

@ObjectType()
export class VehicleAdded {
  @Field(() => VehicleAccount)
  account!: VehicleAccount;

  static of(account: VehicleAccount): VehicleAdded {
    return Object.assign(new VehicleAdded(), { account });
  }
}

@ObjectType()
export class AddVehicleRejected {
  @Field(() => AddVehicleRejection)
  code!: AddVehicleRejection;

  @Field()
  message!: string;

  @Field(() => IneligibilityReason, { nullable: true, description: "For INELIGIBLE_ACCOUNT." })
  reason!: IneligibilityReason | null;

  static of(code: AddVehicleRejection, message: string, reason: IneligibilityReason | null = null): AddVehicleRejected {
    return Object.assign(new AddVehicleRejected(), { code, message, reason });
  }
}

export const AddVehicleResult = createUnionType({
  name: "AddVehicleResult",
  types: () => [VehicleAdded, AddVehicleRejected] as const,
  resolveType: (value) => (value instanceof AddVehicleRejected ? AddVehicleRejected : VehicleAdded),
});
export type AddVehicleResult = VehicleAdded | AddVehicleRejected;
