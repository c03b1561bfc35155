import type { Settings } from "@oa/platform";
import type { SubgraphName } from "./local-system";
import { redactUrl } from "./redact-url";
import { SUBGRAPH_URL_VARIABLES } from "./subgraphs-elsewhere";

export interface BannerFacts {
  settings: Settings;
  gatewayUrl: string;
  /** Every subgraph's URL, here or elsewhere. */
  subgraphUrls: Record<SubgraphName, string>;
  /** The subgraphs not started here (their URL variable was set). */
  elsewhere?: SubgraphName[];
  /** How the database was described, e.g. "embedded PostgreSQL (PGlite) in .data/pglite". */
  database: string;
  store: string;
  /** Extra lines, e.g. what the first start loaded. */
  notes: string[];
  /** Where the gateway serves the web page, when it does (development). */
  webPageUrl?: string;
}

/** A browser-friendly address: the URL the services print uses 127.0.0.1, people type localhost. */
function forPeople(url: string): string {
  return url.replace("://127.0.0.1:", "://localhost:");
}

/** Which subgraphs run here and which elsewhere (and which variable says so). */
function subgraphLines(facts: BannerFacts): string[] {
  const elsewhere = new Set(facts.elsewhere ?? []);
  const entries = Object.entries(facts.subgraphUrls) as [SubgraphName, string][];
  const here = entries.filter(([name]) => !elsewhere.has(name));
  const away = entries.filter(([name]) => elsewhere.has(name));
  return [
    `  Subgraphs: ${here.length > 0 ? here.map(([name, url]) => `${name} ${forPeople(url)}`).join(", ") : "none started here"}`,
    ...(away.length > 0 ? [`  Elsewhere: ${away.map(([name, url]) => `${name} at ${redactUrl(url)} (${SUBGRAPH_URL_VARIABLES[name]})`).join(", ")}, not started here`] : []),
  ];
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
      : `  Sandbox:   open ${gateway} in a browser (offline: ${health}/graphiql, GraphiQL from the project's own packages)`,
    ...(facts.webPageUrl ? [`  Web page:  ${forPeople(facts.webPageUrl)} (sign-in with a cookie session; development only)`] : []),
    `  Health:    ${health}/healthz  ${health}/readyz`,
    ...subgraphLines(facts),
    `  Database:  ${facts.database}`,
    `  Store:     ${facts.store}`,
    `  Messages:  ${facts.settings.messageOutboxFile ? `appended to ${facts.settings.messageOutboxFile}` : "not written to a file (set MESSAGE_OUTBOX_FILE=.data/outbox.jsonl to read security codes)"}`,
    ...facts.notes.map((note) => `  ${note}`),
    "Press Ctrl-C to stop.",
    "",
  ];
  return lines.join("\n");
}
