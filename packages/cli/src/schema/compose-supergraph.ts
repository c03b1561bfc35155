import "reflect-metadata";
import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { buildDeviceTrustSchema } from "@oa/device-trust";
import { buildIdentitySchema } from "@oa/identity";
import { buildVehicleAccountSchema } from "@oa/vehicle-account";
import { type GraphQLSchema, parse } from "graphql";
import { fromRoot } from "../project-root";

/** One subgraph as composition sees it. */
export interface SubgraphDefinition {
  /** Its name in the supergraph (join__Graph), which the gateway routes by. */
  name: string;
  /** The routing URL written into the supergraph; deployments override it (IDENTITY_URL, ...). */
  url: string;
  /** The file under `schema/` that holds its SDL. */
  file: string;
  build: () => Promise<GraphQLSchema>;
}

/** The three subgraphs, with the routing URLs of a default local start. */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: "identity", url: "http://127.0.0.1:4001/graphql", file: "identity.graphql", build: buildIdentitySchema },
  { name: "device-trust", url: "http://127.0.0.1:4002/graphql", file: "device-trust.graphql", build: buildDeviceTrustSchema },
  { name: "vehicle-account", url: "http://127.0.0.1:4003/graphql", file: "vehicle-account.graphql", build: buildVehicleAccountSchema },
];

export const SUPERGRAPH_FILE_NAME = "supergraph.graphql";

/** Where the generated schema files live. */
export function schemaPath(file: string): string {
  return fromRoot("schema", file);
}

/** Composition refused the subgraphs; the message lists every error. */
export class CompositionError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`composition failed with ${errors.length} error${errors.length === 1 ? "" : "s"}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "CompositionError";
  }
}

export interface ComposedSchemas {
  /** Each subgraph's SDL, by file name under `schema/`. */
  subgraphs: Record<string, string>;
  supergraph: string;
}

/** Every subgraph's SDL as `printSubgraphSchema` prints it (with its federation directives). */
export async function buildSubgraphSdls(subgraphs: readonly SubgraphDefinition[] = SUBGRAPHS): Promise<Record<string, string>> {
  const sdls: Record<string, string> = {};
  for (const subgraph of subgraphs) sdls[subgraph.file] = withTrailingNewline(printSubgraphSchema(await subgraph.build()));
  return sdls;
}

/** Composes the subgraphs' SDLs into the supergraph; throws CompositionError when it fails. */
export function composeSupergraph(sdls: Record<string, string>, subgraphs: readonly SubgraphDefinition[] = SUBGRAPHS): string {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdls[subgraph.file]) })));
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return withTrailingNewline(result.supergraphSdl);
}

/** Builds every subgraph schema (no connections needed) and composes them. */
export async function composeSchemas(subgraphs: readonly SubgraphDefinition[] = SUBGRAPHS): Promise<ComposedSchemas> {
  const sdls = await buildSubgraphSdls(subgraphs);
  return { subgraphs: sdls, supergraph: composeSupergraph(sdls, subgraphs) };
}

function withTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
