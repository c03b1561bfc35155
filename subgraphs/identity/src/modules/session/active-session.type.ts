import { DateTimeScalar } from "@oa/platform";
import { Field, ID, ObjectType } from "type-graphql";
import { Device } from "../device/device.type";
import { SessionDelivery } from "./session-delivery";

/** One of the user's open sessions, as the person sees it in their security activity. */
@ObjectType()
export class ActiveSession {
  @Field(() => ID)
  id!: string;

  @Field(() => Device, { nullable: true, description: "The registered device it was opened from; null for an unregistered device." })
  device!: Device | null;

  @Field(() => SessionDelivery)
  delivery!: SessionDelivery;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar)
  lastSeenAt!: Date;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field()
  current!: boolean;
}
