import { Field, ID, InputType } from "type-graphql";

/** One answer to one catalog question: given at enrollment, and again at step-up. */
@InputType()
export class SecurityAnswerInput {
  @Field(() => ID)
  questionId!: string;

  @Field()
  answer!: string;
}
