import { createUnionType, Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "The device is removed: it no longer skips step-up, and the sessions and refresh tokens opened on it have ended." })
export class DeviceRemoved {
  @Field(() => ID, { description: "The removed device's id." })
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}

/** The answer for a device that is not the signed-in user's, whether it exists or not. */
@ObjectType({ description: "None of the signed-in user's registered devices has that id." })
export class DeviceNotFound {
  @Field(() => ID, { description: "The id asked for." })
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}

export const RemoveDeviceResult = createUnionType({
  name: "RemoveDeviceResult",
  description: "What removeDevice answers: the device removed, or not found.",
  types: () => [DeviceRemoved, DeviceNotFound] as const,
  resolveType: (value) => (value instanceof DeviceRemoved ? DeviceRemoved : DeviceNotFound),
});
