import type { IncomingMessage } from "node:http";
import { closeRedis, createLogger, createRedis, forwardedOf, SessionStore, sessionLifetimes } from "@oa/platform";
import { testSettings } from "@oa/platform/testing";
import { createGatewayContext } from "./context";

function request(headers: Record<string, string>, remoteAddress = "::ffff:192.0.2.7"): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe("gateway context", () => {
  const settings = testSettings();
  const redis = createRedis(settings, "gateway-context-test");
  const sessions = new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings));
  const contextOf = createGatewayContext({ sessions, logger: createLogger("silent") });

  afterAll(() => closeRedis(redis));

  // Each subgraph fetch signs its own credential from these (subgraph-data-source.ts, server.test.ts).
  it("finds the bearer token's session in Redis, once per request, and holds no token", async () => {
    const { accessToken, session } = await sessions.create({ userId: "u-1", customerId: "c-1", deviceId: "d-1" });
    try {
      const context = await contextOf(request({ authorization: `Bearer ${accessToken}` }));
      expect(context.session).toEqual(forwardedOf(session));
      expect(context.clientIp).toBe("192.0.2.7");
      expect(JSON.stringify(context)).not.toContain(accessToken);
    } finally {
      await sessions.revoke(session.id);
    }
  });

  it("has no session without a token, with a malformed header, or after the session is revoked", async () => {
    const { accessToken, session } = await sessions.create({ userId: "u-2", customerId: "c-2", deviceId: null });
    await sessions.revoke(session.id);
    const headerSets: Record<string, string>[] = [{}, { authorization: "Bearer" }, { authorization: `Basic ${accessToken}` }, { authorization: `Bearer ${accessToken}` }];
    for (const headers of headerSets) {
      const context = await contextOf(request(headers));
      expect(context.session).toBeNull();
    }
  });
});
