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
  description: "Why addVehicle added nothing.",
  valuesConfig: {
    NOT_VERIFIED: { description: "No vehicle account with that number or VIN lists the user as a holder." },
    ALREADY_ADDED: { description: "The account is on the user's Snapshot already." },
    INELIGIBLE_ACCOUNT: { description: "The account is the user's, but may not be on a Snapshot; reason says why." },
    TOO_MANY_ATTEMPTS: {
      description: "Too many tries that found no account lately, for this user, this account number or VIN, or from this client; try later.",
    },
    INVALID_INPUT: { description: "Not exactly one of accountNumber and vin, or a malformed one." },
  },
});

@ObjectType({ description: "The account is on the user's Snapshot now." })
export class VehicleAdded {
  @Field(() => VehicleAccount, { description: "The account added." })
  account!: VehicleAccount;

  static of(account: VehicleAccount): VehicleAdded {
    return Object.assign(new VehicleAdded(), { account });
  }
}

@ObjectType({ description: "addVehicle added nothing; code says why." })
export class AddVehicleRejected {
  @Field(() => AddVehicleRejection, { description: "Why it was refused. Stable: clients branch on it." })
  code!: AddVehicleRejection;

  @Field({ description: "A message fit to show the person." })
  message!: string;

  @Field(() => IneligibilityReason, { nullable: true, description: "For INELIGIBLE_ACCOUNT." })
  reason!: IneligibilityReason | null;

  static of(code: AddVehicleRejection, message: string, reason: IneligibilityReason | null = null): AddVehicleRejected {
    return Object.assign(new AddVehicleRejected(), { code, message, reason });
  }
}

export const AddVehicleResult = createUnionType({
  name: "AddVehicleResult",
  description: "What addVehicle answers: the account added, or why not.",
  types: () => [VehicleAdded, AddVehicleRejected] as const,
  resolveType: (value) => (value instanceof AddVehicleRejected ? AddVehicleRejected : VehicleAdded),
});
export type AddVehicleResult = VehicleAdded | AddVehicleRejected;
