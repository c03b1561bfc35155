import { type ForwardedSession, requireInternalCaller, unauthenticated } from "@oa/platform";
import { type AuthChecker, createParameterDecorator } from "type-graphql";
import type { IdentityContext } from "./context";

// Who may call which of identity's fields, said on the field: `@Authorized()` needs a session,
// `@Authorized(internalCaller(...))` admits one internal caller. Fields without it are open; a
// field that answers only its user's own data (me, User.sessions) answers nothing to anyone else.

const CALLER_ROLE = "caller:";

/**
 * A role that admits only `caller`'s calls made for this very field: signed for it as their
 * purpose (decision 0002), and for the support desk with its own secret (decision 0014).
 */
export function internalCaller(caller: string): string {
  return `${CALLER_ROLE}${caller}`;
}

/**
 * type-graphql's check of `@Authorized`, before the resolver and its arguments: without a role, a
 * session (else UNAUTHENTICATED, "You need to sign in for this."); with internalCaller roles, that
 * caller for the field's own name (else FORBIDDEN). It throws those errors itself, so their codes
 * and words are platform's, never type-graphql's own.
 */
export const identityAuthChecker: AuthChecker<IdentityContext> = ({ context, info }, roles) => {
  if (roles.length === 0) {
    if (!context.session) throw unauthenticated();
    return true;
  }
  for (const role of roles) {
    if (!role.startsWith(CALLER_ROLE)) throw new Error(`unknown role ${role}`);
    requireInternalCaller(context.credential, role.slice(CALLER_ROLE.length), info.fieldName);
  }
  return true;
};

/** The request's session, in a resolver that is `@Authorized()` (and refused as UNAUTHENTICATED anywhere it is missing). */
export function CurrentSession() {
  return createParameterDecorator<IdentityContext>(({ context }): ForwardedSession => {
    if (!context.session) throw unauthenticated();
    return context.session;
  });
}
