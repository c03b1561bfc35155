import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, parse } from "graphql";
import { buildSchema, type BuildSchemaOptions, createResolversMap } from "type-graphql";

// The one place that says which federation directives the subgraphs may use.
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

/** Resolvers for `__resolveReference`, by type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

const refuseAll = (): boolean => false;

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: type-graphql prints the SDL
 * with its directives, and @apollo/subgraph adds `_entities` and `_service`.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  // type-graphql keeps one store of `@Authorized` fields per process, where several subgraphs may run
  // (npm start, the tests): a schema that brings no checker gets one that refuses, and is never asked.
  const schema = await buildSchema({ authChecker: refuseAll, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
