import { DateTimeScalar } from "@oa/platform";
import { Field, ID, ObjectType } from "type-graphql";
import { SecurityEventKind } from "./security-event-kind";

@ObjectType({ description: "Something that happened to the user's online access, as the user may see it." })
export class SecurityEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => SecurityEventKind)
  kind!: SecurityEventKind;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { nullable: true, description: "The registered device involved, by its name, if any." })
  deviceName!: string | null;

  @Field(() => String, { nullable: true, description: "The client address the request came from, if known." })
  clientAddress!: string | null;
}
