import { ArgsType, Field, ID } from "type-graphql";

// An args class keeps the arguments in the order written here (parameter decorators run last to first).
@ArgsType()
export class EnrollmentAccountCheckArgs {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String, { nullable: true })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true })
  vin?: string | null;
}
