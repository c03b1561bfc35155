import { DateTimeScalar } from "@oa/platform";
import { Field, ID, ObjectType } from "type-graphql";
import { SecurityEventKind } from "./security-event-kind";

@ObjectType({ description: "Something that happened to the user's online access, as the user may see it." })
export class SecurityEvent {
  @Field(() => ID, { description: "The event's id." })
  id!: string;

  @Field(() => SecurityEventKind, { description: "What happened." })
  kind!: SecurityEventKind;

  @Field(() => DateTimeScalar, { description: "When it happened." })
  at!: Date;

  @Field(() => String, { nullable: true, description: "The registered device involved, by its name, if any." })
  deviceName!: string | null;

  @Field(() => String, { nullable: true, description: "The client address the request came from, if known." })
  clientAddress!: string | null;
}
