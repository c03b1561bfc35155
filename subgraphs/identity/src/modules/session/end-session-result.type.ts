import { createUnionType, Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "The session has ended: its access token and refresh token are refused from then on." })
export class SessionEnded {
  @Field(() => ID, { description: "The ended session's id." })
  id!: string;
}

@ObjectType({ description: "None of the signed-in user's open sessions has that id." })
export class SessionNotFound {
  @Field(() => ID, { description: "The id asked for." })
  id!: string;
}

export const EndSessionResult = createUnionType({
  name: "EndSessionResult",
  description: "What endSession answers: the session ended, or not found.",
  types: () => [SessionEnded, SessionNotFound] as const,
});
