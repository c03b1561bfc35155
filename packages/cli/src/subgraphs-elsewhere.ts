import type { SubgraphName } from "./local-system";

/** The variable that says where each subgraph runs when it runs elsewhere (the contract's names). */
export const SUBGRAPH_URL_VARIABLES: Record<SubgraphName, string> = {
  identity: "IDENTITY_URL",
  "device-trust": "DEVICE_TRUST_URL",
  "vehicle-account": "VEHICLE_ACCOUNT_URL",
};

/**
 * The subgraphs whose URL variable is set (not blank) in `env`, at that URL: `npm start` leaves
 * them to run elsewhere instead of starting them, and routes to them there.
 */
export function subgraphsElsewhere(env: Record<string, string | undefined> = process.env): Partial<Record<SubgraphName, string>> {
  const elsewhere: Partial<Record<SubgraphName, string>> = {};
  for (const [name, variable] of Object.entries(SUBGRAPH_URL_VARIABLES) as [SubgraphName, string][]) {
    const url = env[variable]?.trim();
    if (url) elsewhere[name] = url;
  }
  return elsewhere;
}
