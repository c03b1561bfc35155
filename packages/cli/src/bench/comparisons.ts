import type { ForwardedSession, Settings } from "@oa/platform";
import { gatewayHeaders } from "@oa/platform/testing";
import type { Comparison } from "./compare";
import { contractOperation } from "../contract-operations";
import { graphqlData, type HttpAnswer } from "./http-client";
import type { Workload } from "./load";
import { formatRatio } from "./report";
import { ratio } from "./stats";

/** A signed-in user the workloads act as. */
export interface BenchUser {
  username: string;
  accessToken: string;
  vehicleAccounts: number;
  /** Its remembered devices, all listed on the Snapshot. */
  devices: number;
}

interface Snapshot {
  me: { username: string; vehicleAccounts: unknown[]; devices: unknown[] };
}

const ME = "query Me { me { id username firstName } }";

function bearer(accessToken: string): () => Record<string, string> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${accessToken}` };
  return () => headers;
}

/** The contract's Snapshot for `user`, checked for all of the user's vehicle accounts and devices. */
export function snapshotWorkload(gatewayUrl: string, user: BenchUser): Workload {
  return {
    url: gatewayUrl,
    body: JSON.stringify({ query: contractOperation("Snapshot"), operationName: "Snapshot" }),
    headers: bearer(user.accessToken),
    check(answer: HttpAnswer) {
      const { me } = graphqlData<Snapshot>(answer);
      if (me.username !== user.username || me.vehicleAccounts.length !== user.vehicleAccounts || me.devices.length !== user.devices) {
        throw new Error(`Snapshot of ${user.username}: ${me.vehicleAccounts.length} vehicle accounts, ${me.devices.length} devices`);
      }
    },
  };
}

function checkMe(username: string) {
  return (answer: HttpAnswer) => {
    const { me } = graphqlData<{ me: { username: string } | null }>(answer);
    if (me?.username !== username) throw new Error(`me answered ${JSON.stringify(me)}, not ${username}`);
  };
}

/** `me` through the gateway, with the bearer token. */
export function gatewayMeWorkload(gatewayUrl: string, user: BenchUser): Workload {
  return { url: gatewayUrl, body: JSON.stringify({ query: ME }), headers: bearer(user.accessToken), check: checkMe(user.username) };
}

/** `me` straight to identity, with a credential signed per request as the gateway does. */
export function directMeWorkload(identityUrl: string, settings: Settings, session: ForwardedSession, user: BenchUser): Workload {
  const body = JSON.stringify({ query: ME });
  const sign = gatewayHeaders(settings, "identity", session);
  return { url: identityUrl, body, headers: () => sign(body), check: checkMe(user.username) };
}

export interface ComparisonTargets {
  gatewayUrl: string;
  baselineGatewayUrl: string;
  /** The gateway over a session store that never slides, and one that writes on every request. */
  neverSlidingGatewayUrl: string;
  slidingEveryRequestGatewayUrl: string;
  identityUrl: string;
  settings: Settings;
  single: BenchUser;
  fleet: BenchUser;
  /** The single user's session, as the gateway forwards it. */
  singleSession: ForwardedSession;
}

/** The comparisons the benchmark prints, in order (the junk burst comes after them). */
export function benchComparisons(targets: ComparisonTargets): Comparison[] {
  const { single, fleet } = targets;
  return [
    {
      title: `Snapshot (${single.vehicleAccounts} vehicle account): gateway's keep-alive pool vs a new connection per subgraph fetch`,
      subject: { label: "keep-alive pool", workload: snapshotWorkload(targets.gatewayUrl, single) },
      baseline: { label: "new connection per fetch", workload: snapshotWorkload(targets.baselineGatewayUrl, single) },
      summary: (pool, fresh) =>
        `The keep-alive pool serves ${formatRatio(ratio(pool.requestsPerSecond, fresh.requestsPerSecond))}x the requests/s of a new connection per subgraph fetch, at ${formatRatio(ratio(pool.p50Ms, fresh.p50Ms))}x its median latency.`,
    },
    {
      title: `Snapshot size: ${fleet.vehicleAccounts} vehicle accounts and ${fleet.devices} devices vs ${single.vehicleAccounts} and ${single.devices}`,
      subject: { label: `${fleet.vehicleAccounts} vehicle accounts, ${fleet.devices} devices`, workload: snapshotWorkload(targets.gatewayUrl, fleet) },
      baseline: { label: `${single.vehicleAccounts} vehicle account, ${single.devices} device`, workload: snapshotWorkload(targets.gatewayUrl, single) },
      summary: (many, one) => {
        const same = many.statementsPerRequest === one.statementsPerRequest;
        return (
          `A Snapshot of ${fleet.vehicleAccounts} vehicle accounts and ${fleet.devices} devices takes ${formatRatio(ratio(many.p50Ms, one.p50Ms))}x the median latency of one with ${single.vehicleAccounts} and ${single.devices}; ` +
          `SQL statements per request: ${many.statementsPerRequest.toFixed(2)} vs ${one.statementsPerRequest.toFixed(2)} (${same ? "the same: no N+1" : "NOT the same: a look-up per account?"}).`
        );
      },
    },
    {
      title: "me { id username firstName }: through the gateway vs the identity subgraph called directly",
      subject: { label: "through the gateway", workload: gatewayMeWorkload(targets.gatewayUrl, single) },
      baseline: { label: "identity directly", workload: directMeWorkload(targets.identityUrl, targets.settings, targets.singleSession, single) },
      summary: (gateway, direct) =>
        `The gateway's overhead: ${formatRatio(ratio(gateway.p50Ms, direct.p50Ms))}x the median latency of calling identity directly ` +
        `(+${(gateway.p50Ms - direct.p50Ms).toFixed(2)} ms at p50), ${formatRatio(ratio(gateway.requestsPerSecond, direct.requestsPerSecond))}x its requests/s.`,
    },
    {
      title: `Snapshot (${single.vehicleAccounts} vehicle account): the sliding idle timeout (a write at most once a minute) vs a session store that never slides`,
      subject: { label: "sliding idle timeout", workload: snapshotWorkload(targets.gatewayUrl, single) },
      baseline: { label: "never slides (before)", workload: snapshotWorkload(targets.neverSlidingGatewayUrl, single) },
      summary: (sliding, fixed) =>
        `With the sliding idle timeout the gateway serves ${formatRatio(ratio(sliding.requestsPerSecond, fixed.requestsPerSecond))}x the Snapshot requests/s of a store that never moves a session's end on, ` +
        `at ${formatRatio(ratio(sliding.p50Ms, fixed.p50Ms))}x its median latency.`,
    },
    {
      title: `Snapshot (${single.vehicleAccounts} vehicle account): sliding with a write at most once a minute vs a write on every request`,
      subject: { label: "a write at most once a minute", workload: snapshotWorkload(targets.gatewayUrl, single) },
      baseline: { label: "a write every request", workload: snapshotWorkload(targets.slidingEveryRequestGatewayUrl, single) },
      summary: (throttled, always) =>
        `Writing a session's new end at most once a minute serves ${formatRatio(ratio(throttled.requestsPerSecond, always.requestsPerSecond))}x the requests/s of writing it on every request, ` +
        `at ${formatRatio(ratio(throttled.p50Ms, always.p50Ms))}x its median latency.`,
    },
  ];
}
