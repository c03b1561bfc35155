import { ArgsType, Field, ID } from "type-graphql";
import { DevicePlatform } from "./device-platform";

// Argument classes keep the SDL's argument order as written (parameter decorators run last to first).

@ArgsType()
export class RegisterDeviceArgs {
  @Field(() => ID)
  userId!: string;

  @Field({ description: "1 to 64 characters once trimmed." })
  name!: string;

  @Field(() => DevicePlatform)
  platform!: DevicePlatform;
}

@ArgsType()
export class UseTrustedDeviceArgs {
  @Field(() => ID)
  userId!: string;

  @Field({ description: "The token registerDevice returned." })
  deviceToken!: string;
}
