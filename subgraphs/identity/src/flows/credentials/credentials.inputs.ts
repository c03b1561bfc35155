import { Field, InputType } from "type-graphql";
import { SecurityAnswerInput } from "../../modules/security-question/security-answer.input";

@InputType({ description: "The current password and the new one." })
export class ChangePasswordInput {
  @Field({ description: "The password now; a wrong one counts toward the lock." })
  currentPassword!: string;

  @Field({ description: "The new password: it follows the password rules, as at enrollment, and differs from the current one." })
  newPassword!: string;
}

@InputType({ description: "The current password and three new answers." })
export class ChangeSecurityAnswersInput {
  @Field({ description: "The password now; a wrong one counts toward the lock." })
  currentPassword!: string;

  @Field(() => [SecurityAnswerInput], { description: "Exactly three answers, to three different questions of the catalog." })
  securityAnswers!: SecurityAnswerInput[];
}
