import { Field, ID, InputType } from "type-graphql";

/** One answer to one catalog question: given at enrollment, and again at step-up. */
@InputType({ description: "One answer to one question of the catalog." })
export class SecurityAnswerInput {
  @Field(() => ID, { description: "The question's id: from securityQuestionCatalog at enrollment, from the challenge's questions at step-up." })
  questionId!: string;

  @Field({ description: "The answer, compared without regard to case or to surrounding and repeated spaces." })
  answer!: string;
}
