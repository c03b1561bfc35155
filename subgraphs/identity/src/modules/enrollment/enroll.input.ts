import { Field, InputType } from "type-graphql";
import { SecurityAnswerInput } from "../security-question/security-answer.input";
import { AccountType } from "./account-type";

@InputType()
export class EnrollInput {
  @Field(() => AccountType)
  accountType!: AccountType;

  @Field({ description: "SSN or Tax ID: 9 digits, dashes allowed." })
  taxId!: string;

  @Field(() => String, { nullable: true, description: "The account number. For AUTO, either this or vin." })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true, description: "AUTO only: the 17-character VIN, instead of the account number." })
  vin?: string | null;

  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field(() => [SecurityAnswerInput], { description: "Exactly three answers, to three different questions of the catalog." })
  securityAnswers!: SecurityAnswerInput[];
}
