import { DateTimeScalar } from "@oa/platform";
import { Field, ObjectType } from "type-graphql";

/** A new session's credential: shown once, in the answer that opened it. */
@ObjectType()
export class Session {
  @Field({ description: "Send as 'Authorization: Bearer <accessToken>'." })
  accessToken!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}
