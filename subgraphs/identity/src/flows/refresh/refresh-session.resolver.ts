import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { refreshSession } from "./refresh-session.flow";
import { RefreshSessionInput } from "./refresh-session.input";
import { RefreshSessionResult } from "./refresh-session.results";

@Resolver()
export class RefreshSessionResolver {
  @Mutation(() => RefreshSessionResult, {
    description:
      "Trades a refresh token for a new session and a new refresh token (each refresh token works\n" +
      "once; a reused one ends every session of its chain). Only for sessions opened on a\n" +
      "registered device, and only with that device's deviceToken.",
  })
  refreshSession(@Arg("input", () => RefreshSessionInput) input: RefreshSessionInput, @Ctx() context: IdentityContext): Promise<typeof RefreshSessionResult> {
    return refreshSession(context, input);
  }
}
