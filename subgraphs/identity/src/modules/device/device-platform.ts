import { registerEnumType } from "type-graphql";

/** Where a device runs; declared identically in device-trust, which owns devices. */
export enum DevicePlatform {
  WEB = "WEB",
  IOS = "IOS",
  ANDROID = "ANDROID",
}

registerEnumType(DevicePlatform, { name: "DevicePlatform" });
