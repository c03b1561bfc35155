import { Field, ID, InputType } from "type-graphql";
import { AccountType } from "../../modules/enrollment/account-type";

@InputType()
export class StartRecoveryInput {
  @Field(() => AccountType)
  accountType!: AccountType;

  @Field({ description: "SSN or Tax ID: 9 digits, dashes allowed." })
  taxId!: string;

  @Field(() => String, { nullable: true, description: "The account number. For AUTO, either this or vin." })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true, description: "AUTO only: the 17-character VIN, instead of the account number." })
  vin?: string | null;
}

@InputType()
export class CompleteRecoveryInput {
  @Field(() => ID)
  challengeId!: string;

  @Field({ description: "The 6-digit code sent for this challenge." })
  code!: string;

  @Field(() => String, { nullable: true, description: "The new password; omit it to recover the username only." })
  newPassword?: string | null;
}
