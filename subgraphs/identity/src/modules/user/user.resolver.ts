import { Ctx, Query, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { User } from "./user.type";

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user. null when the request carries no valid, unrevoked session." })
  async me(@Ctx() context: IdentityContext): Promise<User | null> {
    if (!context.session) return null;
    return context.loaders.user.load(context.session.userId);
  }
}

/** `_entities` look-ups of User go through the same loader as `me`, and find only the session's own user. */
export const userReference = {
  __resolveReference: (reference: { id: string }, context: IdentityContext) =>
    context.session && reference.id === context.session.userId ? context.loaders.user.load(reference.id) : null,
};
