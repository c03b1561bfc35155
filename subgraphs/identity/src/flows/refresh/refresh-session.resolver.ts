import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { IdentityContext } from "../../context";
import { toSession } from "../../modules/session/session.type";
import { requestOf } from "../../request-ports";
import { type RefreshDeps, refreshSession } from "./refresh-session.flow";
import { RefreshSessionInput } from "./refresh-session.input";
import { RefreshRejected, RefreshRejection, RefreshSessionResult, SessionRefreshed } from "./refresh-session.results";

@Resolver()
export class RefreshSessionResolver {
  @Mutation(() => RefreshSessionResult, {
    description:
      "Trades a refresh token for a new session and a new refresh token (each refresh token works\n" +
      "once; a reused one ends every session of its chain). Only for sessions opened on a\n" +
      "registered device, and only with that device's deviceToken.",
  })
  async refreshSession(
    @Arg("input", () => RefreshSessionInput, { description: "The refresh token and its device's deviceToken." }) input: RefreshSessionInput,
    @Ctx() context: IdentityContext,
  ): Promise<typeof RefreshSessionResult> {
    const outcome = await refreshSession(refreshDeps(context), requestOf(context), input);
    if (outcome.kind === "refreshed") return Object.assign(new SessionRefreshed(), { session: toSession(outcome.session) });
    return Object.assign(new RefreshRejected(), { code: RefreshRejection[outcome.code], message: outcome.message });
  }
}

function refreshDeps(context: IdentityContext): RefreshDeps {
  const { services, loaders } = context;
  return {
    sessions: services.sessions,
    clientAttempts: services.clientAttempts,
    deviceTrust: services.deviceTrust,
    lockout: services.lockout,
    users: loaders.user,
    securityEvents: services.securityEvents,
    logger: services.logger,
    supportPhone: services.settings.supportPhone,
  };
}
