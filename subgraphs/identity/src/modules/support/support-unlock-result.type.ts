import { Directive, Field, Int, ObjectType } from "type-graphql";

@Directive("@inaccessible")
@ObjectType({ description: "What a support unlock did. It never says which part of a proof was wrong, nor whether the username exists." })
export class SupportUnlockResult {
  @Field({ description: "True when the proof was right: the person's lock and each of their registered devices' are lifted." })
  unlocked!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Set when too many wrong proofs were given for this username: seconds until the next one is checked. Null otherwise.",
  })
  retryAfterSeconds!: number | null;
}
