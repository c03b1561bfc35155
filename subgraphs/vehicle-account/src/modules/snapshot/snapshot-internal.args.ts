import { ArgsType, Field, ID } from "type-graphql";

// An args class keeps the arguments in the order written here (parameter decorators run last to first).
@ArgsType()
export class AddToSnapshotArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  accountId!: string;
}
