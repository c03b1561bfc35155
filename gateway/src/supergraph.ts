import { readFileSync } from "node:fs";
import path from "node:path";
import type { Settings } from "@oa/platform";
import { type ConstArgumentNode, type EnumValueDefinitionNode, Kind, parse, print, visit } from "graphql";

/** The committed supergraph; the same path from `src/` (tests) and from `dist/` (builds). */
export const SUPERGRAPH_FILE = path.resolve(__dirname, "../../schema/supergraph.graphql");

/** One subgraph as the gateway routes to it. */
export interface SubgraphRoute {
  /** The subgraph's name in the supergraph: identity, device-trust, vehicle-account. */
  name: string;
  /** Its GraphQL endpoint. */
  url: string;
}

/** The supergraph as the gateway serves it: routing URLs already taken from the settings. */
export interface Supergraph {
  sdl: string;
  subgraphs: SubgraphRoute[];
}

/** Where each subgraph runs, by its name in the supergraph, as the settings say. */
export function routingUrlsFromSettings(settings: Pick<Settings, "identityUrl" | "deviceTrustUrl" | "vehicleAccountUrl">): Record<string, string> {
  return {
    identity: settings.identityUrl,
    "device-trust": settings.deviceTrustUrl,
    "vehicle-account": settings.vehicleAccountUrl,
  };
}

/** Reads the committed supergraph file, with a message that says how to produce it. */
export function readSupergraphFile(file = SUPERGRAPH_FILE): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the supergraph (${reason}); run "npm run compose" to write schema/supergraph.graphql`);
  }
}

const JOIN_GRAPH = "join__graph";

function stringArgument(node: EnumValueDefinitionNode, name: string): string | undefined {
  const directive = node.directives?.find((d) => d.name.value === JOIN_GRAPH);
  const argument = directive?.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/**
 * Rewrites the `@join__graph(name:, url:)` routing URLs of the named subgraphs (the supergraph
 * file holds the URLs it was composed with; the deployment says where the subgraphs really are).
 * Subgraphs not named in `urls` keep theirs.
 */
export function overrideRoutingUrls(supergraphSdl: string, urls: Record<string, string>): Supergraph {
  const subgraphs: SubgraphRoute[] = [];
  const document = visit(parse(supergraphSdl), {
    EnumValueDefinition(node) {
      const name = stringArgument(node, "name");
      if (name === undefined) return undefined;
      const url = urls[name] ?? stringArgument(node, "url");
      if (!url) throw new Error(`the supergraph gives no URL for subgraph "${name}"`);
      subgraphs.push({ name, url });
      return {
        ...node,
        directives: node.directives?.map((directive) => (directive.name.value !== JOIN_GRAPH ? directive : { ...directive, arguments: withUrl(directive.arguments ?? [], url) })),
      };
    },
  });
  if (subgraphs.length === 0) throw new Error("the supergraph names no subgraphs (no @join__graph): is it a composed supergraph?");
  return { sdl: print(document), subgraphs };
}

function withUrl(args: readonly ConstArgumentNode[], url: string): ConstArgumentNode[] {
  const value = { kind: Kind.STRING, value: url } as const;
  const others = args.filter((a) => a.name.value !== "url");
  return [...others, { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "url" }, value }];
}

/** The supergraph to serve: the given SDL (or the committed file) routed as the settings say. */
export function loadSupergraph(settings: Pick<Settings, "identityUrl" | "deviceTrustUrl" | "vehicleAccountUrl">, supergraphSdl: string = readSupergraphFile()): Supergraph {
  return overrideRoutingUrls(supergraphSdl, routingUrlsFromSettings(settings));
}
