import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, parse } from "graphql";
import { buildSchema, type BuildSchemaOptions, createResolversMap } from "type-graphql";

// The one place that says which federation directives the subgraphs may use.
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

// The root types are declared by every subgraph, so they are described here, once for all.
const ROOT_DESCRIPTIONS = {
  query: "What clients read. Without a valid session, me is null.",
  mutation:
    "What clients change. Most answer a union of what was done and why not: a rejection carries a stable code, which clients branch on, " +
    "and a message fit to show the person. One that needs a session fails with the error code UNAUTHENTICATED without one.",
} as const;

/** Resolvers for `__resolveReference`, by type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

const refuseAll = (): boolean => false;

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: type-graphql prints the SDL
 * with its directives, and @apollo/subgraph adds `_entities` and `_service`.
 */
export async function buildFederatedSchema(options: Omit<BuildSchemaOptions, "skipCheck">, referenceResolvers: ReferenceResolvers = {}): Promise<GraphQLSchema> {
  // type-graphql keeps one store of `@Authorized` fields per process, where several subgraphs may run
  // (npm start, the tests): a schema that brings no checker gets one that refuses, and is never asked.
  const schema = await buildSchema({ authChecker: refuseAll, ...options, skipCheck: true });
  describeRootTypes(schema);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}

function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = ROOT_DESCRIPTIONS.query;
  if (mutation) mutation.description = ROOT_DESCRIPTIONS.mutation;
}
