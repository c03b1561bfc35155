import { Field, InputType } from "type-graphql";
import { SecurityAnswerInput } from "../security-question/security-answer.input";
import { AccountType } from "./account-type";

@InputType({ description: "Who is enrolling, the account that proves it, and the credentials and security answers they choose." })
export class EnrollInput {
  @Field(() => AccountType, { description: "The kind of account the person proves they hold." })
  accountType!: AccountType;

  @Field({ description: "SSN or Tax ID: 9 digits, dashes allowed." })
  taxId!: string;

  @Field(() => String, { nullable: true, description: "The account number. For AUTO, either this or vin." })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true, description: "AUTO only: the 17-character VIN, instead of the account number." })
  vin?: string | null;

  @Field({ description: "The username to sign in with: 6 to 32 letters, digits, dots, dashes or underscores, unique without regard to case." })
  username!: string;

  @Field({
    description: "The password: 12 to 128 characters, not a common one, and without the username, the person's name, date of birth or SSN/Tax ID digits.",
  })
  password!: string;

  @Field(() => [SecurityAnswerInput], { description: "Exactly three answers, to three different questions of the catalog." })
  securityAnswers!: SecurityAnswerInput[];
}
