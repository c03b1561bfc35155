import { DateTimeScalar } from "@oa/platform";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DevicePlatform } from "./device-platform";

/**
 * device-trust's Device, as identity answers it in verifyStepUp's registeredDevice. identity
 * cannot look devices up (`resolvable: false`); every field is shareable, as in device-trust.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Device {
  @Directive("@shareable")
  @Field(() => ID)
  id!: string;

  @Directive("@shareable")
  @Field()
  name!: string;

  @Directive("@shareable")
  @Field(() => DevicePlatform)
  platform!: DevicePlatform;

  @Directive("@shareable")
  @Field(() => DateTimeScalar)
  registeredAt!: Date;

  @Directive("@shareable")
  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Directive("@shareable")
  @Field({ description: "True for the device of the current session." })
  current!: boolean;
}
