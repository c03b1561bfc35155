import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { AccountStatus, ContractType, HolderRole } from "./vehicle-account.enums";

@ObjectType({ description: "A financed vehicle." })
export class Vehicle {
  @Field(() => Int, { description: "The model year." })
  year!: number;

  @Field({ description: "The make, e.g. 'Chevrolet'." })
  make!: string;

  @Field({ description: "The model, e.g. 'Equinox'." })
  model!: string;

  @Field({ description: "The last six characters of the VIN." })
  vinLast6!: string;
}

/**
 * An Auto account as the signed-in holder sees it: never the full account number or VIN.
 * `snapshotEligibility` is resolved from these fields when asked (see VehicleAccountResolver).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A vehicle loan or lease, as the signed-in holder sees it: never the full account number or VIN." })
export class VehicleAccount {
  @Field(() => ID, { description: "The account's id." })
  id!: string;

  @Field({ description: "The last four characters of the account number." })
  accountNumberLast4!: string;

  @Field(() => Vehicle, { description: "The financed vehicle." })
  vehicle!: Vehicle;

  @Field({ description: "The creditor the account was financed through, e.g. 'Nuvell Credit Company'." })
  creditor!: string;

  @Field(() => ContractType, { description: "How the vehicle is financed." })
  contract!: ContractType;

  @Field(() => AccountStatus, { description: "Where the account stands in the bank's records." })
  status!: AccountStatus;

  @Field(() => HolderRole, { description: "The signed-in user's role on this account." })
  holderRole!: HolderRole;
}
