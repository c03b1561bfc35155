import { Directive, Field, ID, ObjectType } from "type-graphql";
import { IneligibilityReason } from "../eligibility/eligibility";

/** Internal, for identity's enrollment: the account a person named, and whether it may be enrolled. */
@Directive("@inaccessible")
@ObjectType()
export class EnrollmentAccountCheck {
  @Field(() => ID)
  accountId!: string;

  @Field()
  eligible!: boolean;

  @Field(() => IneligibilityReason, { nullable: true })
  reason!: IneligibilityReason | null;
}
