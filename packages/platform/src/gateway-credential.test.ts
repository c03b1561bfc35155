import { type BoundRequest, CLOCK_SKEW_MS, CREDENTIAL_LIFETIME_MS, type CredentialClaims, signGatewayCredential, verifyGatewayCredential } from "./gateway-credential";

const SECRET = "a-test-secret-of-at-least-32-characters";
const claims: CredentialClaims = {
  caller: "gateway",
  session: { id: "s-1", userId: "u-1", customerId: "c-1", deviceId: null, expiresAt: "2030-01-01T00:00:00.000Z" },
  clientIp: "192.0.2.7",
  purpose: null,
};
const request: BoundRequest = { audience: "device-trust", method: "POST", path: "/graphql", body: '{"query":"{ __typename }"}' };
const NOW = 1_800_000_000_000;

describe("the gateway credential", () => {
  const signed = signGatewayCredential(SECRET, claims, request, NOW);

  it("verifies for exactly the request it was made for, with its claims", () => {
    expect(verifyGatewayCredential(SECRET, signed, request, NOW)).toEqual({
      ...claims,
      audience: "device-trust",
      issuedAt: NOW,
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
  });

  it.each<[string, Partial<BoundRequest>]>([
    ["another body", { body: '{"query":"{ __typename }" }' }],
    ["an empty body", { body: "" }],
    ["another subgraph", { audience: "identity" }],
    ["another method", { method: "GET" }],
    ["another path", { path: "/graphql?query=x" }],
  ])("is refused for %s", (_, change) => {
    expect(verifyGatewayCredential(SECRET, signed, { ...request, ...change }, NOW)).toBeNull();
  });

  it("is refused under another secret, altered, or in an older format", () => {
    expect(verifyGatewayCredential("another-secret-of-at-least-32-characters", signed, request, NOW)).toBeNull();
    const [version, payload, signature] = signed.split(".");
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), caller: "identity" })).toString("base64url");
    expect(verifyGatewayCredential(SECRET, `${version}.${altered}.${signature}`, request, NOW)).toBeNull();
    expect(verifyGatewayCredential(SECRET, `v1.${payload}.${signature}`, request, NOW)).toBeNull();
    expect(verifyGatewayCredential(SECRET, `${signed}.x`, request, NOW)).toBeNull();
    expect(verifyGatewayCredential(SECRET, undefined, request, NOW)).toBeNull();
  });

  it("lives seconds: its lifetime plus the clock skew, and no more than the skew ahead", () => {
    const last = NOW + CREDENTIAL_LIFETIME_MS + CLOCK_SKEW_MS;
    expect(verifyGatewayCredential(SECRET, signed, request, last)).not.toBeNull();
    expect(verifyGatewayCredential(SECRET, signed, request, last + 1)).toBeNull();
    expect(verifyGatewayCredential(SECRET, signed, request, NOW - CLOCK_SKEW_MS)).not.toBeNull();
    expect(verifyGatewayCredential(SECRET, signed, request, NOW - CLOCK_SKEW_MS - 1)).toBeNull();
    expect(CREDENTIAL_LIFETIME_MS + CLOCK_SKEW_MS).toBeLessThanOrEqual(10_000);
  });

  it("is new each time it is signed, and carries neither the body nor a token", () => {
    const again = signGatewayCredential(SECRET, claims, request, NOW);
    expect(again).not.toBe(signed);
    expect(verifyGatewayCredential(SECRET, again, request, NOW)!.nonce).not.toBe(verifyGatewayCredential(SECRET, signed, request, NOW)!.nonce);
    expect(Buffer.from(signed.split(".")[1], "base64url").toString()).not.toContain("__typename");
  });
});
