import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { bearerToken } from "@oa/gateway";
import { type CredentialClaims, forwardedOf, GATEWAY_CREDENTIAL_HEADER, REQUEST_ID_HEADER, type SessionStore, signGatewayCredential } from "@oa/platform";
import { Pool } from "undici";
import { closePeerServer, listenAsPeer } from "./peer-server";
import { fetchBody, SNAPSHOT_FETCHES, type SnapshotFetch } from "./snapshot-plan";

export interface FloorOptions {
  /** Where the gateway's sessions are, and the secret its credentials are signed with. */
  sessions: SessionStore;
  gatewaySecret: string;
  /** Each subgraph's GraphQL URL, by its name in the supergraph. */
  subgraphUrls: Record<SnapshotFetch["subgraph"], string>;
}

export interface RunningFloor {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 100 * 1024;

/** A subgraph answered with something else than data: the floor answers 502. */
class SubgraphFailure extends Error {}

/** What the Snapshot's fetches answer, as far as the floor reads them. */
interface IdentityData {
  me: { id: string; username: string; firstName: string; customerId: string } | null;
}
interface EntitiesData {
  _entities: { devices?: unknown[]; vehicleAccounts?: unknown[] }[];
}

/**
 * The floor a gateway is measured against: plain node:http that answers the contract's Snapshot
 * (and nothing else) with what a gateway must do at the least: the same session look-up in Redis,
 * a credential signed per fetch for exactly that fetch, and the three fetches of the gateway's query
 * plan over keep-alive pools; no parsing, validation, planning or result shaping of GraphQL.
 */
export async function startFloorServer(options: FloorOptions, port = 0, host = "127.0.0.1"): Promise<RunningFloor> {
  const pools = new Map<string, { pool: Pool; path: string }>();
  for (const [name, url] of Object.entries(options.subgraphUrls)) {
    const parsed = new URL(url);
    // Idle sockets are dropped after 30 s, before the subgraphs' 65 s keep-alive ends them.
    pools.set(name, { pool: new Pool(parsed.origin, { connections: 64, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000 }), path: parsed.pathname + parsed.search });
  }

  const fetchFrom = async <T>(fetch: SnapshotFetch, variables: Record<string, unknown>, claims: CredentialClaims, requestId: string): Promise<T> => {
    const { pool, path } = pools.get(fetch.subgraph)!;
    const body = fetchBody(fetch, variables);
    const credential = signGatewayCredential(options.gatewaySecret, claims, { audience: fetch.subgraph, method: "POST", path, body });
    const response = await pool.request({
      method: "POST",
      path,
      headers: { "content-type": "application/json", [GATEWAY_CREDENTIAL_HEADER]: credential, [REQUEST_ID_HEADER]: requestId },
      body,
    });
    const answer = (await response.body.json()) as { data?: T; errors?: unknown[] };
    if (response.statusCode !== 200 || answer.errors || !answer.data) throw new SubgraphFailure(`${fetch.subgraph} answered ${response.statusCode}`);
    return answer.data;
  };

  const snapshot = async (request: IncomingMessage): Promise<unknown> => {
    const token = bearerToken(request.headers.authorization);
    const record = token === null ? null : await options.sessions.find(token);
    if (record?.delivery !== "BEARER") return { data: { me: null } };
    const claims: CredentialClaims = { caller: "gateway", session: forwardedOf(record), clientIp: request.socket.remoteAddress ?? null, purpose: null };
    const requestId = randomUUID();
    const { me } = await fetchFrom<IdentityData>(SNAPSHOT_FETCHES.identity, {}, claims, requestId);
    if (!me) return { data: { me: null } };
    const [devices, accounts] = await Promise.all([
      fetchFrom<EntitiesData>(SNAPSHOT_FETCHES.devices, { representations: [{ __typename: "User", id: me.id }] }, claims, requestId),
      fetchFrom<EntitiesData>(SNAPSHOT_FETCHES.vehicleAccounts, { representations: [{ __typename: "User", id: me.id, customerId: me.customerId }] }, claims, requestId),
    ]);
    // In the order the Snapshot asks for them.
    return {
      data: {
        me: { id: me.id, username: me.username, firstName: me.firstName, vehicleAccounts: accounts._entities[0].vehicleAccounts, devices: devices._entities[0].devices },
      },
    };
  };

  const server = createServer((request, response) => {
    void serve(request, response, snapshot);
  });
  const url = await listenAsPeer(server, port, host);
  return {
    url,
    async close() {
      await closePeerServer(server);
      await Promise.all([...pools.values()].map(({ pool }) => pool.close()));
    },
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, snapshot: (request: IncomingMessage) => Promise<unknown>): Promise<void> {
  try {
    if (request.method !== "POST" || request.url !== "/graphql") return answer(response, 404, { errors: [{ message: "Not found." }] });
    const body = await readBody(request);
    const asked = body === null ? null : (JSON.parse(body) as { operationName?: unknown });
    if (asked?.operationName !== "Snapshot") return answer(response, 400, { errors: [{ message: "The floor answers the Snapshot only." }] });
    answer(response, 200, await snapshot(request));
  } catch (error) {
    answer(response, error instanceof SubgraphFailure ? 502 : 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
  }
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
