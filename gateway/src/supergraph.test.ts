import path from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { loadSupergraph, overrideRoutingUrls, readSupergraphFile, SUPERGRAPH_FILE } from "./supergraph";

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`;

function composed(): string {
  const result = composeServices([
    { name: "identity", url: "http://identity.composed:4001/graphql", typeDefs: parse(`${LINK} type Query { me: User } type User @key(fields: "id") { id: ID! }`) },
    { name: "device-trust", url: "http://device-trust.composed:4002/graphql", typeDefs: parse(`${LINK} type User @key(fields: "id") { id: ID! devices: [String!]! }`) },
    { name: "vehicle-account", url: "http://vehicle-account.composed:4003/graphql", typeDefs: parse(`${LINK} type User @key(fields: "id") { id: ID! cars: [String!]! }`) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.supergraphSdl;
}

describe("supergraph", () => {
  it("routes each subgraph by name to the URL the settings give", () => {
    const supergraph = loadSupergraph(
      {
        identityUrl: "http://10.0.0.1:5001/graphql",
        deviceTrustUrl: "https://device-trust.internal/graphql",
        vehicleAccountUrl: "http://10.0.0.3:5003/api/graphql",
      },
      composed(),
    );
    expect(supergraph.subgraphs).toEqual([
      { name: "device-trust", url: "https://device-trust.internal/graphql" },
      { name: "identity", url: "http://10.0.0.1:5001/graphql" },
      { name: "vehicle-account", url: "http://10.0.0.3:5003/api/graphql" },
    ]);
    expect(supergraph.sdl).toContain('@join__graph(name: "identity", url: "http://10.0.0.1:5001/graphql")');
    expect(supergraph.sdl).not.toContain(".composed:");
  });

  it("keeps the composed URL of a subgraph the settings do not name, and the rest of the schema", () => {
    const original = composed();
    const supergraph = overrideRoutingUrls(original, { identity: "http://elsewhere/graphql" });
    expect(supergraph.subgraphs).toContainEqual({ name: "device-trust", url: "http://device-trust.composed:4002/graphql" });
    expect(supergraph.subgraphs).toContainEqual({ name: "identity", url: "http://elsewhere/graphql" });
    const unchanged = overrideRoutingUrls(original, {});
    expect(overrideRoutingUrls(unchanged.sdl, {}).sdl).toBe(unchanged.sdl);
    expect(unchanged.sdl).toContain("devices: [String!]!");
  });

  it("refuses an SDL that is not a composed supergraph", () => {
    expect(() => overrideRoutingUrls("type Query { a: Int }", {})).toThrow(/no @join__graph/);
  });

  it("reads schema/supergraph.graphql at the project's root, from src and from dist alike", () => {
    expect(path.relative(path.resolve(__dirname, "../.."), SUPERGRAPH_FILE)).toBe(path.join("schema", "supergraph.graphql"));
    expect(() => readSupergraphFile(path.join(__dirname, "no-such-supergraph.graphql"))).toThrow(/npm run compose/);
  });
});
