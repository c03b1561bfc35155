import { createUnionType, Field, ID, ObjectType } from "type-graphql";

@ObjectType()
export class SessionEnded {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class SessionNotFound {
  @Field(() => ID)
  id!: string;
}

export const EndSessionResult = createUnionType({
  name: "EndSessionResult",
  types: () => [SessionEnded, SessionNotFound] as const,
});
