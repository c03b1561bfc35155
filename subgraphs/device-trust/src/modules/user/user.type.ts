import { Directive, Field, ID, ObjectType } from "type-graphql";

/** identity's User, to which device-trust adds `devices` (user-devices.resolver.ts). */
@Directive('@key(fields: "id")')
@ObjectType({
  description: "A person with online access, as they see themselves when signed in: their details on file, registered devices, sessions, security events and Snapshot.",
})
export class User {
  @Field(() => ID, { description: "The user's stable id." })
  id!: string;
}
