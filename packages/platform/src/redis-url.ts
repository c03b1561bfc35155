/** Where REDIS_URL points: one server (any URL ioredis takes), or a Redis Cluster by its seed nodes. */
export type RedisTarget =
  | { kind: "server"; url: string }
  | {
      kind: "cluster";
      /** Seed nodes: the client asks them for the cluster's layout and finds the other nodes itself. */
      nodes: { host: string; port: number }[];
      username?: string;
      password?: string;
      /** `rediss+cluster://`: TLS to every node. */
      tls: boolean;
    };

export class RedisUrlError extends Error {}

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\/(.*)$/i;
const DEFAULT_PORT = 6379;

/**
 * Reads REDIS_URL. `redis+cluster://[[user]:password@]host[:port][,host[:port]...]` (or
 * `rediss+cluster://` for TLS) names a Redis Cluster by one or more of its nodes, with one set of
 * credentials for all; anything else is one server's URL, as ioredis reads it.
 */
export function redisTargetOf(url: string): RedisTarget {
  const cluster = CLUSTER_SCHEME.exec(url.trim());
  if (!cluster) return { kind: "server", url };
  const [, scheme, rest] = cluster;
  const at = rest.lastIndexOf("@");
  const credentials = at >= 0 ? rest.slice(0, at) : undefined;
  const hosts = (at >= 0 ? rest.slice(at + 1) : rest).replace(/\/$/, "");
  if (/[/?#]/.test(hosts)) throw new RedisUrlError("takes a cluster as redis+cluster://host:port,host:port (no database number, path or options)");
  const nodes = hosts.split(",").map((node) => node.trim());
  if (nodes.length === 0 || nodes.some((node) => node === "")) throw new RedisUrlError("names no node: give redis+cluster://host:port,host:port");
  return { kind: "cluster", nodes: nodes.map(nodeOf), ...credentialsOf(credentials), tls: scheme.toLowerCase() === "rediss" };
}

/** `host`, `host:port`, `[ipv6]` or `[ipv6]:port`. */
function nodeOf(node: string): { host: string; port: number } {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(node);
  const port = match?.[3] === undefined ? DEFAULT_PORT : Number(match[3]);
  if (!match || port < 1 || port > 65535) throw new RedisUrlError(`has a cluster node that is not host:port: "${node}"`);
  return { host: match[1] ?? match[2], port };
}

function credentialsOf(credentials: string | undefined): { username?: string; password?: string } {
  if (credentials === undefined) return {};
  const colon = credentials.indexOf(":");
  const username = decode(colon >= 0 ? credentials.slice(0, colon) : credentials);
  const password = colon >= 0 ? decode(credentials.slice(colon + 1)) : undefined;
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new RedisUrlError("has credentials that are not percent-encoded correctly");
  }
}
