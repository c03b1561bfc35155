import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { AccountStatus, ContractType, HolderRole } from "./vehicle-account.enums";

@ObjectType()
export class Vehicle {
  @Field(() => Int)
  year!: number;

  @Field()
  make!: string;

  @Field()
  model!: string;

  @Field()
  vinLast6!: string;
}

/**
 * An Auto account as the signed-in holder sees it: never the full account number or VIN.
 * `snapshotEligibility` is resolved from these fields when asked (see VehicleAccountResolver).
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class VehicleAccount {
  @Field(() => ID)
  id!: string;

  @Field()
  accountNumberLast4!: string;

  @Field(() => Vehicle)
  vehicle!: Vehicle;

  @Field({ description: "The creditor the account was financed through, e.g. 'Nuvell Credit Company'." })
  creditor!: string;

  @Field(() => ContractType)
  contract!: ContractType;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field(() => HolderRole, { description: "The signed-in user's role on this account." })
  holderRole!: HolderRole;
}
