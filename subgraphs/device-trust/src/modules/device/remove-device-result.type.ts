import { createUnionType, Field, ID, ObjectType } from "type-graphql";

@ObjectType()
export class DeviceRemoved {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}

/** The answer for a device that is not the signed-in user's, whether it exists or not. */
@ObjectType()
export class DeviceNotFound {
  @Field(() => ID)
  id: string;

  constructor(id: string) {
    this.id = id;
  }
}

export const RemoveDeviceResult = createUnionType({
  name: "RemoveDeviceResult",
  types: () => [DeviceRemoved, DeviceNotFound] as const,
  resolveType: (value) => (value instanceof DeviceRemoved ? DeviceRemoved : DeviceNotFound),
});
