import { registerEnumType } from "type-graphql";

/** Where a device runs; declared identically in device-trust, which owns devices. */
export enum DevicePlatform {
  WEB = "WEB",
  IOS = "IOS",
  ANDROID = "ANDROID",
}

registerEnumType(DevicePlatform, {
  name: "DevicePlatform",
  description: "What a registered device runs on.",
  valuesConfig: {
    WEB: { description: "A web browser." },
    IOS: { description: "An iOS app." },
    ANDROID: { description: "An Android app." },
  },
});
