import { DateTimeScalar } from "@oa/platform";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DevicePlatform } from "./device-platform";

/**
 * device-trust's Device. identity cannot look devices up (`resolvable: false`) and knows only
 * their ids (ActiveSession.device), except in verifyStepUp's registeredDevice, which provides the
 * rest (`@provides`): there it answers the device it has just registered, with `current: true`.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Device {
  @Field(() => ID)
  id!: string;

  @Directive("@external")
  @Field()
  name!: string;

  @Directive("@external")
  @Field(() => DevicePlatform)
  platform!: DevicePlatform;

  @Directive("@external")
  @Field(() => DateTimeScalar)
  registeredAt!: Date;

  @Directive("@external")
  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Directive("@external")
  @Field({ description: "True for the device of the current session." })
  current!: boolean;
}

/** The fields of a Device that identity answers itself where it @provides them. */
export const PROVIDED_DEVICE_FIELDS = "name platform registeredAt lastUsedAt current";
