import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DevicePlatform } from "./device-platform";
import type { DeviceEntity } from "./device.entity";

/**
 * A registered device as clients see it. identity declares the same type (not resolvable) to
 * answer verifyStepUp's registeredDevice, so every field is shareable. `current` is a field
 * resolver (device.resolver.ts): it depends on the request's session.
 */
@Directive('@key(fields: "id")')
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
  @Field(() => Date)
  registeredAt!: Date;

  @Directive("@shareable")
  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

/** The public part of a row: everything but the token hash and the owner. */
export function toDevice(entity: DeviceEntity): Device {
  return {
    id: entity.id,
    name: entity.name,
    platform: entity.platform,
    registeredAt: entity.registeredAt,
    lastUsedAt: entity.lastUsedAt,
  };
}
