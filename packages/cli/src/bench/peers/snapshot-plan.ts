/**
 * The three subgraph fetches of the gateway's query plan for the contract's Snapshot, as the
 * gateway sends them (the peers test checks them against the gateway's own fetches): identity
 * first, then device-trust and vehicle-account side by side, each for the user identity answered.
 */
export const SNAPSHOT_FETCHES = {
  identity: {
    subgraph: "identity",
    operationName: "Snapshot__identity__0",
    query: "query Snapshot__identity__0{me{__typename id username firstName customerId}}",
  },
  devices: {
    subgraph: "device-trust",
    operationName: "Snapshot__device_trust__1",
    query:
      "query Snapshot__device_trust__1($representations:[_Any!]!){_entities(representations:$representations){...on User{devices{id name platform registeredAt lastUsedAt current}}}}",
  },
  vehicleAccounts: {
    subgraph: "vehicle-account",
    operationName: "Snapshot__vehicle_account__2",
    query:
      "query Snapshot__vehicle_account__2($representations:[_Any!]!){_entities(representations:$representations){...on User{vehicleAccounts{id accountNumberLast4 vehicle{year make model vinLast6}creditor contract status holderRole snapshotEligibility{eligible reason}}}}}",
  },
} as const;

export type SnapshotFetch = (typeof SNAPSHOT_FETCHES)[keyof typeof SNAPSHOT_FETCHES];

/** A fetch's body exactly as the gateway writes it: query, variables, operation name. */
export function fetchBody(fetch: SnapshotFetch, variables: Record<string, unknown>): string {
  return JSON.stringify({ query: fetch.query, variables, operationName: fetch.operationName });
}
