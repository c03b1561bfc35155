import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { parse, printSchema } from "graphql";
import { buildDeviceTrustSchema } from "./schema";

describe("device-trust subgraph SDL", () => {
  let sdl: string;

  beforeAll(async () => {
    sdl = printSubgraphSchema(await buildDeviceTrustSchema());
  });

  it("makes Device an entity whose every field is shareable", () => {
    expect(sdl).toMatch(/type Device\s+@key\(fields: "id"\)\s*\{/);
    for (const field of ["id: ID!", "name: String!", "platform: DevicePlatform!", "registeredAt: DateTime!", "lastUsedAt: DateTime", "current: Boolean!"]) {
      expect(sdl).toContain(`  ${field} @shareable\n`);
    }
    expect(sdl).not.toMatch(/type Device[^{]*resolvable/);
  });

  it("adds devices to the User entity", () => {
    expect(sdl).toMatch(
      /type User\s+@key\(fields: "id"\)\s*\{\s*"""[^"]*"""\s*id: ID!\s+"""The registered devices that skip step-up, newest first."""\s+devices: \[Device!\]!\s*\}/,
    );
  });

  it("marks the internal fields and their type @inaccessible, and nothing public", () => {
    expect(sdl).toMatch(/registerDevice\(\s*userId: ID!\s+"""[^"]*"""\s+name: String!\s+platform: DevicePlatform!\s*\): DeviceRegistration! @inaccessible/);
    expect(sdl).toMatch(/useTrustedDevice\(\s*userId: ID!\s+"""[^"]*"""\s+deviceToken: String!\s*\): ID @inaccessible/);
    expect(sdl).toMatch(/trustedDevice\(\s*userId: ID!\s+"""[^"]*"""\s+deviceToken: String!\s*\): TrustedDevice @inaccessible/);
    expect(sdl).toMatch(/registeredDeviceIds\(userId: ID!\): \[ID!\]! @inaccessible/);
    expect(sdl).toMatch(/type TrustedDevice\s+@inaccessible\s*\{/);
    expect(sdl).toMatch(/type DeviceRegistration\s+@inaccessible\s*\{/);
    expect(sdl).toMatch(/removeDevice\(\s*"""[^"]*"""\s*id: ID!\s*\): RemoveDeviceResult!\n/);
    // Six uses (the @link import names it once more, in quotes).
    expect(sdl.match(/[^"]@inaccessible/g)).toHaveLength(6);
  });

  it("prints the contract's scalar, enum and union", () => {
    expect(sdl).toContain("scalar DateTime\n");
    expect(sdl).not.toContain("DateTimeISO");
    expect(sdl).toMatch(/enum DevicePlatform\s*\{\s*("""[^"]*"""\s*)?WEB\s+("""[^"]*"""\s*)?IOS\s+("""[^"]*"""\s*)?ANDROID\s*\}/);
    expect(sdl).toContain("union RemoveDeviceResult = DeviceRemoved | DeviceNotFound");
  });

  // A minimal stand-in for identity's side of the shared types, as docs/architecture.md
  // describes it: the real composition is checked under schema/.
  const identityStandIn = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible"])
    scalar DateTime
    enum DevicePlatform { WEB IOS ANDROID }
    type Query { me: User }
    type User @key(fields: "id") { id: ID! username: String! customerId: ID! @inaccessible }
    type Device @key(fields: "id", resolvable: false) {
      id: ID! @shareable
      name: String! @shareable
      platform: DevicePlatform! @shareable
      registeredAt: DateTime! @shareable
      lastUsedAt: DateTime @shareable
      current: Boolean! @shareable
    }
    type RegisteredDevice { device: Device! deviceToken: String! }
    type Mutation { verifyStepUp: RegisteredDevice }
  `;

  it("composes with identity's declaration of Device and hides the internal fields from the API", () => {
    const result = composeServices([
      { name: "identity", url: "http://identity", typeDefs: parse(identityStandIn) },
      { name: "device-trust", url: "http://device-trust", typeDefs: parse(sdl) },
    ]);
    expect(result.errors).toBeUndefined();
    const api = printSchema(result.schema!.toAPISchema().toGraphQLJSSchema());
    expect(api).toMatch(/removeDevice\(\s*"""[^"]*"""\s*id: ID!\s*\): RemoveDeviceResult!/);
    expect(api).toContain("devices: [Device!]!");
    expect(api).toContain("current: Boolean!");
    expect(api).not.toMatch(/registerDevice|useTrustedDevice|registeredDeviceIds|DeviceRegistration|customerId/);
  });
});
