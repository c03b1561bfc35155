import { Field, InputType } from "type-graphql";

@InputType()
export class AddVehicleInput {
  @Field(() => String, { nullable: true, description: "Either accountNumber or vin." })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true })
  vin?: string | null;
}
