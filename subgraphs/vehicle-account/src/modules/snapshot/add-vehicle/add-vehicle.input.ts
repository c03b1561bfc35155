import { Field, InputType } from "type-graphql";

@InputType({ description: "The vehicle account to add: exactly one of accountNumber and vin." })
export class AddVehicleInput {
  @Field(() => String, { nullable: true, description: "Either accountNumber or vin." })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true, description: "The vehicle's 17-character VIN, instead of the account number." })
  vin?: string | null;
}
