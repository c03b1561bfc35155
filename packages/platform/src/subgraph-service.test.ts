import { ApolloServer, type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLResolveInfo } from "graphql";
import { subgraphApolloPlugins } from "./subgraph-service";

// A subgraph-shaped schema (Apollo installs its federation trace plugin for one with _Service.sdl)
// whose every field records whether Apollo's cache-control plugin instrumented it.
function recordingSchema(seen: unknown[]): GraphQLSchema {
  const record = (value: unknown) => (_source: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    seen.push((info as GraphQLResolveInfo & { cacheControl?: unknown }).cacheControl);
    return value;
  };
  const item = new GraphQLObjectType({ name: "Item", fields: { name: { type: GraphQLString, resolve: record("a name") } } });
  const service = new GraphQLObjectType({ name: "_Service", fields: { sdl: { type: new GraphQLNonNull(GraphQLString) } } });
  const query = new GraphQLObjectType({
    name: "Query",
    fields: {
      items: { type: new GraphQLList(item), resolve: record([{}, {}, {}]) },
      _service: { type: new GraphQLNonNull(service), resolve: () => ({ sdl: "" }) },
    },
  });
  return new GraphQLSchema({ query });
}

/** Runs `{ items { name } }` as the gateway would ask for a federation trace; what each field saw, and the answer's extensions. */
async function run(plugins: ApolloServerPlugin[]) {
  const seen: unknown[] = [];
  const quiet = () => undefined;
  const apollo = new ApolloServer({ schema: recordingSchema(seen), plugins, logger: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
  await apollo.start();
  try {
    const response = await apollo.executeOperation({
      query: "{ items { name } }",
      http: { method: "POST", headers: new HeaderMap([["apollo-federation-include-trace", "ftv1"]]), search: "", body: {} },
    });
    if (response.body.kind !== "single") throw new Error("not a single answer");
    expect(response.body.singleResult.errors).toBeUndefined();
    return { seen, extensions: response.body.singleResult.extensions };
  } finally {
    await apollo.stop();
  }
}

describe("subgraphApolloPlugins", () => {
  it("leaves no field instrumented: no cache hints computed, no federation trace", async () => {
    const { seen, extensions } = await run(subgraphApolloPlugins());
    expect(seen).toHaveLength(4);
    expect(seen.every((cacheControl) => cacheControl === undefined)).toBe(true);
    expect(extensions?.ftv1).toBeUndefined();
  });

  it("is what turns them off: Apollo's defaults instrument every field", async () => {
    const { seen, extensions } = await run([]);
    expect(seen).toHaveLength(4);
    expect(seen.every((cacheControl) => cacheControl !== undefined)).toBe(true);
    expect(extensions?.ftv1).toEqual(expect.any(String));
  });
});
