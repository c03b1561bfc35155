import { DateTimeScalar } from "@oa/platform";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { SecurityEventKind } from "../security-event/security-event-kind";

@Directive("@inaccessible")
@ObjectType({ description: "A security event as support sees it: with the agent and the reason of a support action." })
export class SupportSecurityEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => SecurityEventKind)
  kind!: SecurityEventKind;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { nullable: true })
  deviceName!: string | null;

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true, description: "The support agent, for a support action." })
  agent!: string | null;

  @Field(() => String, { nullable: true, description: "Why, for a support action." })
  reason!: string | null;
}
