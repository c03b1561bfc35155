import { ArgsType, Field, ID, Int } from "type-graphql";

// Argument classes keep the SDL's argument order as written.

/** Who acts at the support desk, and why: recorded with the event, never a secret. */
@ArgsType()
export class SupportActionArgs {
  @Field({ description: "The login's username, in any case." })
  username!: string;

  @Field({ description: "The support agent's id: 1 to 64 letters, digits, '.', '_', '-' or '@'." })
  agent!: string;

  @Field({ description: "Why, in 1 to 500 characters of one line; never a tax id, account number or answer." })
  reason!: string;
}

@ArgsType()
export class SupportUnlockArgs extends SupportActionArgs {
  @Field({ description: "The last four digits of the person's SSN or Tax ID, as they told them." })
  last4!: string;

  @Field(() => ID, { description: "One of the person's three security questions." })
  questionId!: string;

  @Field({ description: "Their answer to it, as they told it." })
  answer!: string;
}

@ArgsType()
export class SupportSecurityEventsArgs {
  @Field({ description: "The login's username, in any case." })
  username!: string;

  @Field(() => Int, { defaultValue: 20, description: "At most this many, newest first: 1 to 100." })
  first!: number;
}
