import { Directive, Field, ObjectType } from "type-graphql";
import { Device } from "./device.type";

/** What registerDevice answers identity: the only time the device token is ever shown. */
@Directive("@inaccessible")
@ObjectType()
export class DeviceRegistration {
  @Field({ description: "The device credential, to keep on the device. Stored here only as a hash." })
  deviceToken!: string;

  @Field(() => Device)
  device!: Device;
}
