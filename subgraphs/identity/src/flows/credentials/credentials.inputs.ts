import { Field, InputType } from "type-graphql";
import { SecurityAnswerInput } from "../../modules/security-question/security-answer.input";

@InputType()
export class ChangePasswordInput {
  @Field()
  currentPassword!: string;

  @Field()
  newPassword!: string;
}

@InputType()
export class ChangeSecurityAnswersInput {
  @Field()
  currentPassword!: string;

  @Field(() => [SecurityAnswerInput], { description: "Exactly three answers, to three different questions of the catalog." })
  securityAnswers!: SecurityAnswerInput[];
}
