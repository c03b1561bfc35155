import { Directive, Field, ID, ObjectType } from "type-graphql";

/** identity's User, to which device-trust adds `devices` (user-devices.resolver.ts). */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}
