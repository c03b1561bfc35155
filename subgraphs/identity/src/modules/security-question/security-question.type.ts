import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "A question of the catalog: a person answers three at enrollment, and two of them at step-up." })
export class SecurityQuestion {
  @Field(() => ID, { description: "The question's stable id, as SecurityAnswerInput.questionId takes it." })
  id!: string;

  @Field({ description: "The question, as the person reads it." })
  text!: string;
}
