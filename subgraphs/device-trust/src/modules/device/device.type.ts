import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DevicePlatform } from "./device-platform";
import type { DeviceEntity } from "./device.entity";

/**
 * A registered device as clients see it. identity declares the same type (not resolvable) to
 * answer verifyStepUp's registeredDevice, so every field is shareable. `current` is a field
 * resolver (device.resolver.ts): it depends on the request's session.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A device the user registered at step-up: signing in on it skips step-up." })
export class Device {
  @Directive("@shareable")
  @Field(() => ID, { description: "The device's id, for removeDevice." })
  id!: string;

  @Directive("@shareable")
  @Field({ description: "The name the person gave it when it was registered." })
  name!: string;

  @Directive("@shareable")
  @Field(() => DevicePlatform, { description: "What it runs on." })
  platform!: DevicePlatform;

  @Directive("@shareable")
  @Field(() => Date, { description: "When it was registered." })
  registeredAt!: Date;

  @Directive("@shareable")
  @Field(() => Date, { nullable: true, description: "When it last signed in or renewed a session with its deviceToken; null until it first does." })
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
