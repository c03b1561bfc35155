import { DateTimeScalar } from "@oa/platform";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DevicePlatform } from "./device-platform";

/**
 * device-trust's Device. identity cannot look devices up (`resolvable: false`) and knows only
 * their ids (ActiveSession.device), except in verifyStepUp's registeredDevice, which provides the
 * rest (`@provides`): there it answers the device it has just registered, with `current: true`.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: "A device the user registered at step-up: signing in on it skips step-up." })
export class Device {
  @Field(() => ID, { description: "The device's id, for removeDevice." })
  id!: string;

  @Directive("@external")
  @Field({ description: "The name the person gave it when it was registered." })
  name!: string;

  @Directive("@external")
  @Field(() => DevicePlatform, { description: "What it runs on." })
  platform!: DevicePlatform;

  @Directive("@external")
  @Field(() => DateTimeScalar, { description: "When it was registered." })
  registeredAt!: Date;

  @Directive("@external")
  @Field(() => DateTimeScalar, { nullable: true, description: "When it last signed in or renewed a session with its deviceToken; null until it first does." })
  lastUsedAt!: Date | null;

  @Directive("@external")
  @Field({ description: "True for the device of the current session." })
  current!: boolean;
}

/** The fields of a Device that identity answers itself where it @provides them. */
export const PROVIDED_DEVICE_FIELDS = "name platform registeredAt lastUsedAt current";
