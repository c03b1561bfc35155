import { Field, ID, InputType } from "type-graphql";
import { AccountType } from "../../modules/enrollment/account-type";

@InputType({ description: "Who is recovering, proved as at enrollment: the tax id with an account number, or with a VIN for AUTO." })
export class StartRecoveryInput {
  @Field(() => AccountType, { description: "The kind of account the person proves they hold." })
  accountType!: AccountType;

  @Field({ description: "SSN or Tax ID: 9 digits, dashes allowed." })
  taxId!: string;

  @Field(() => String, { nullable: true, description: "The account number. For AUTO, either this or vin." })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true, description: "AUTO only: the 17-character VIN, instead of the account number." })
  vin?: string | null;
}

@InputType({ description: "The code sent for a recovery challenge and, to reset the password, the new one." })
export class CompleteRecoveryInput {
  @Field(() => ID, { description: "The recovery challenge's id (RecoveryStarted.challenge.id)." })
  challengeId!: string;

  @Field({ description: "The 6-digit code sent for this challenge." })
  code!: string;

  @Field(() => String, { nullable: true, description: "The new password; omit it to recover the username only." })
  newPassword?: string | null;
}
