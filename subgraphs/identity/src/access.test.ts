import { randomUUID } from "node:crypto";
import { GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "@oa/platform";
import { gatewayHeaders, postGraphQL } from "@oa/platform/testing";
import { getMetadataStorage } from "type-graphql";
import { buildIdentitySchema } from "./schema";
import { type IdentityHarness, startIdentityHarness } from "./testing/identity-harness";

// Every field that needs a session, or one internal caller, says so on the field (access.ts).
const NEEDS_A_SESSION: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  logout: { query: "mutation { logout { loggedOut } }" },
  logoutEverywhere: { query: "mutation { logoutEverywhere { loggedOut endedSessions } }" },
  endSession: { query: 'mutation { endSession(id: "x") { __typename } }' },
  changePassword: {
    query: "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename } }",
    variables: { input: { currentPassword: "whatever it is", newPassword: "a brand new passphrase" } },
  },
  changeSecurityAnswers: {
    query: "mutation($input: ChangeSecurityAnswersInput!) { changeSecurityAnswers(input: $input) { __typename } }",
    variables: { input: { currentPassword: "whatever it is", securityAnswers: [] } },
  },
};

const END_DEVICE_SESSIONS = `mutation($userId: ID!, $deviceId: ID!) {
  endDeviceSessions(userId: $userId, deviceId: $deviceId, deviceName: "Phone", clientAddress: null)
}`;

describe("access to identity's fields, said on each field", () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startIdentityHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  it("lists exactly the fields that need a session and those that admit one internal caller", async () => {
    await buildIdentitySchema();
    const identityResolvers = new Set(["LogoutResolver", "EndSessionResolver", "CredentialsResolver", "DeviceSessionsResolver", "SupportResolver"]);
    const authorized = getMetadataStorage()
      .authorizedFields.filter((field) => identityResolvers.has(field.target.name))
      .map((field) => [field.fieldName, field.roles])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(authorized).toEqual([
      ["changePassword", []],
      ["changeSecurityAnswers", []],
      ["endDeviceSessions", ["caller:device-trust"]],
      ["endSession", []],
      ["logout", []],
      ["logoutEverywhere", []],
      ["supportEndSessions", ["caller:support"]],
      ["supportSecurityEvents", ["caller:support"]],
      ["supportUnlock", ["caller:support"]],
    ]);
  });

  it.each(Object.keys(NEEDS_A_SESSION))("%s without a session: UNAUTHENTICATED in the same words as ever, nothing checked", async (field) => {
    const { query, variables } = NEEDS_A_SESSION[field];
    const checksBefore = harness.passwordChecks();
    const answer = await harness.graphql(query, variables);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toEqual([expect.objectContaining({ message: "You need to sign in for this.", extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) })]);
    expect(harness.passwordChecks()).toBe(checksBefore);
  });

  it("endDeviceSessions answers device-trust, for that very field", async () => {
    const { userId } = await harness.createLogin();
    const variables = { userId, deviceId: randomUUID() };
    const { body } = await postGraphQL(harness.running.url, END_DEVICE_SESSIONS, variables, gatewayHeaders(harness.settings, "identity", null, "device-trust"));
    expect(body).toEqual({ data: { endDeviceSessions: 0 } });
  });

  it("endDeviceSessions refuses the gateway, another service, and device-trust's credential made for another field (FORBIDDEN)", async () => {
    const variables = { userId: randomUUID(), deviceId: randomUUID() };
    for (const caller of ["gateway", "identity", "vehicle-account"]) {
      const { body } = await postGraphQL(harness.running.url, END_DEVICE_SESSIONS, variables, gatewayHeaders(harness.settings, "identity", null, caller));
      expect([caller, body.errors?.map((error) => error.extensions?.code)]).toEqual([caller, ["FORBIDDEN"]]);
    }
    const otherField = (body: string, path = "/graphql") => ({
      "content-type": "application/json",
      [GATEWAY_CREDENTIAL_HEADER]: signGatewayCredential(
        harness.settings.gatewaySecret,
        { caller: "device-trust", session: null, clientIp: null, purpose: "registeredDeviceIds" },
        { audience: "identity", method: "POST", path, body },
      ),
    });
    const { body } = await postGraphQL(harness.running.url, END_DEVICE_SESSIONS, variables, otherField);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
