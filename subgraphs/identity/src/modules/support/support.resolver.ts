import { Args, Authorized, Ctx, Directive, Int, Mutation, Query, Resolver } from "type-graphql";
import { internalCaller } from "../../access";
import type { IdentityContext } from "../../context";
import { noticesOf, passwordCheckOf } from "../../request-ports";
import { usernameKey } from "../credentials/username-policy";
import { lockSubjectsOf } from "../lockout/lift-locks";
import { endSessions } from "../session/end-sessions";
import { proofOnFile } from "./proof-on-file";
import { SUPPORT_CALLER } from "./support-desk";
import { checkActor, checkEventCount, checkProof, checkUsername } from "./support-input";
import { SupportSecurityEvent } from "./support-security-event.type";
import { supportUnlock, type SupportUnlockDeps } from "./support-unlock";
import { SupportUnlockResult } from "./support-unlock-result.type";
import { SupportActionArgs, SupportSecurityEventsArgs, SupportUnlockArgs } from "./support.args";

/**
 * The support desk's fields (`npm run support`), called directly at identity with a credential
 * signed with SUPPORT_SECRET for the one field called. `@inaccessible`: never in the API schema,
 * so the gateway never routes a client here; any other caller is refused (docs/decisions/0014):
 * `@Authorized(internalCaller(SUPPORT_CALLER))` on each, before its arguments are read.
 */
@Resolver()
export class SupportResolver {
  @Authorized(internalCaller(SUPPORT_CALLER))
  @Directive("@inaccessible")
  @Mutation(() => SupportUnlockResult, {
    description: "Lifts a locked-out person's lock once the caller proved who they are; a wrong proof counts toward the lock.",
  })
  async supportUnlock(@Args() args: SupportUnlockArgs, @Ctx() context: IdentityContext): Promise<SupportUnlockResult> {
    const username = checkUsername(args.username);
    const actor = checkActor(args.agent, args.reason);
    checkProof(args.last4, args.questionId, args.answer);
    const proof = { last4: args.last4, questionId: args.questionId, answer: args.answer };
    const outcome = await supportUnlock(supportUnlockDeps(context), username, proof, actor);
    return Object.assign(new SupportUnlockResult(), {
      unlocked: outcome.kind === "unlocked",
      retryAfterSeconds: outcome.kind === "tooManyAttempts" ? outcome.retryAfterSeconds : null,
    });
  }

  @Authorized(internalCaller(SUPPORT_CALLER))
  @Directive("@inaccessible")
  @Mutation(() => Int, {
    nullable: true,
    description: "Ends every session of the user, recorded with the agent and the reason; how many ended, or null for an unknown username.",
  })
  async supportEndSessions(@Args() args: SupportActionArgs, @Ctx() context: IdentityContext): Promise<number | null> {
    const username = checkUsername(args.username);
    const actor = checkActor(args.agent, args.reason);
    const userId = await context.loaders.loginIdByUsernameKey.load(usernameKey(username));
    if (!userId) return null;
    const ended = await endSessions(context.services, userId, {}, { ...actor, clientAddress: null }, { always: true });
    context.services.logger.info("sessions ended by support", { userId, agent: actor.agent, ended });
    return ended;
  }

  @Authorized(internalCaller(SUPPORT_CALLER))
  @Directive("@inaccessible")
  @Query(() => [SupportSecurityEvent], {
    nullable: true,
    description: "The user's security events, newest first, with the agent and reason of support actions; null for an unknown username.",
  })
  async supportSecurityEvents(@Args() args: SupportSecurityEventsArgs, @Ctx() context: IdentityContext): Promise<SupportSecurityEvent[] | null> {
    const username = checkUsername(args.username);
    const first = checkEventCount(args.first);
    const userId = await context.loaders.loginIdByUsernameKey.load(usernameKey(username));
    if (!userId) return null;
    const rows = await context.services.securityEvents.newest(userId, first);
    return rows.map(({ id, kind, at, deviceName, clientAddress, agent, reason }) =>
      Object.assign(new SupportSecurityEvent(), { id, kind, at, deviceName, clientAddress, agent, reason }),
    );
  }
}

function supportUnlockDeps(context: IdentityContext): SupportUnlockDeps {
  const { services } = context;
  return {
    lockout: services.lockout,
    securityEvents: services.securityEvents,
    logger: services.logger,
    taxIdEncryptionKey: services.settings.taxIdEncryptionKey,
    checkAnswer: passwordCheckOf(context),
    proofOnFile: (username, questionId) => proofOnFile(services.dataSource, username, questionId),
    lockSubjectsOf: (login) => lockSubjectsOf(services, login),
    notices: noticesOf(context),
  };
}
