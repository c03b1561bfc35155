import type { Settings } from "@oa/platform";

export interface BannerFacts {
  settings: Settings;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** How the database was described, e.g. "embedded PostgreSQL (PGlite) in .data/pglite". */
  database: string;
  store: string;
  /** Extra lines, e.g. what the first start loaded. */
  notes: string[];
}

/** A browser-friendly address: the URL the services print uses 127.0.0.1, people type localhost. */
function forPeople(url: string): string {
  return url.replace("://127.0.0.1:", "://localhost:");
}

/** The lines `npm start` prints once everything answers. */
export function startBanner(facts: BannerFacts): string {
  const gateway = forPeople(facts.gatewayUrl);
  const health = gateway.replace(/\/graphql$/, "");
  const lines = [
    "",
    "Online Access is running.",
    `  Gateway:   ${gateway}`,
    facts.settings.production
      ? "  Sandbox:   off (NODE_ENV=production)"
      : `  Sandbox:   open ${gateway} in a browser`,
    `  Health:    ${health}/healthz  ${health}/readyz`,
    `  Subgraphs: ${Object.entries(facts.subgraphUrls).map(([name, url]) => `${name} ${forPeople(url)}`).join(", ")}`,
    `  Database:  ${facts.database}`,
    `  Store:     ${facts.store}`,
    `  Messages:  ${facts.settings.messageOutboxFile ? `appended to ${facts.settings.messageOutboxFile}` : "not written to a file (set MESSAGE_OUTBOX_FILE=.data/outbox.jsonl to read security codes)"}`,
    ...facts.notes.map((note) => `  ${note}`),
    "Press Ctrl-C to stop.",
    "",
  ];
  return lines.join("\n");
}
