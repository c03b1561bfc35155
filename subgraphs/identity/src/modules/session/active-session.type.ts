import { DateTimeScalar } from "@oa/platform";
import { Field, ID, ObjectType } from "type-graphql";
import { Device } from "../device/device.type";
import { SessionDelivery } from "./session-delivery";

/** One of the user's open sessions, as the person sees it in their security activity. */
@ObjectType({ description: "One of the user's open sessions." })
export class ActiveSession {
  @Field(() => ID, { description: "The session's id, for endSession." })
  id!: string;

  @Field(() => Device, { nullable: true, description: "The registered device it was opened from; null for an unregistered device." })
  device!: Device | null;

  @Field(() => SessionDelivery, { description: "How the session was handed over when it began." })
  delivery!: SessionDelivery;

  @Field(() => DateTimeScalar, { description: "When the session began." })
  startedAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the session was last used (noted at most once a minute)." })
  lastSeenAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the session ends unless it is used: each use moves this on, up to an absolute limit." })
  expiresAt!: Date;

  @Field({ description: "True for the session of this request." })
  current!: boolean;
}
