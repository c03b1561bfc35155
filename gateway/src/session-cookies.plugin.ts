import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import type { GatewayContext } from "./context";
import { clearedSessionCookie, deviceCookie, sessionCookie } from "./session-cookies";

// The same hooks for every request: nothing is allocated per request.
const listener: GraphQLRequestListener<GatewayContext> = {
  async willSendResponse({ contextValue, response }) {
    const { handover } = contextValue;
    if (!handover) return;
    const tokens: string[] = [];
    if (handover.session) {
      contextValue.setCookie(sessionCookie(handover.session.accessToken, handover.session.endsAt));
      tokens.push(handover.session.accessToken);
    } else if (handover.endedCurrent && contextValue.sessionCookie) {
      contextValue.setCookie(clearedSessionCookie());
    }
    if (handover.device) {
      contextValue.setCookie(deviceCookie(handover.device.deviceToken));
      tokens.push(handover.device.deviceToken);
    }
    if (tokens.length > 0 && response.body.kind === "single") response.body.singleResult.data = withoutTokens(response.body.singleResult.data, tokens);
  },
};

/**
 * Turns what identity handed over into cookies on the answer: a COOKIE session's token into the
 * session cookie, a device registered in a COOKIE step-up into the device cookie, and the end of
 * a cookie request's own session into a cleared session cookie. The tokens reach the browser in
 * Set-Cookie only: any copy of them in the answer's data is replaced by null (identity sends
 * none; this holds even if it ever did).
 */
export function sessionCookiesPlugin(): ApolloServerPlugin<GatewayContext> {
  return { requestDidStart: async () => listener };
}

/** `value` with every string equal to one of `tokens` replaced by null. */
function withoutTokens<T>(value: T, tokens: string[]): T {
  if (typeof value === "string") return (tokens.includes(value) ? null : value) as T;
  if (Array.isArray(value)) return value.map((item) => withoutTokens(item, tokens)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutTokens(item, tokens)])) as T;
  }
  return value;
}
