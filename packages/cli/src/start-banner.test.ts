import { loadSettings } from "@oa/platform";
import { startBanner } from "./start-banner";

const facts = {
  settings: loadSettings({ NODE_ENV: "test" }),
  gatewayUrl: "http://127.0.0.1:4000/graphql",
  subgraphUrls: {
    identity: "http://127.0.0.1:4001/graphql",
    "device-trust": "http://127.0.0.1:4002/graphql",
    "vehicle-account": "http://va.internal:4003/graphql",
  },
  database: "PostgreSQL",
  store: "Redis",
  notes: [],
};

describe("startBanner", () => {
  it("lists every subgraph as started here by default", () => {
    const banner = startBanner(facts);
    expect(banner).toContain("  Subgraphs: identity http://localhost:4001/graphql, device-trust http://localhost:4002/graphql, vehicle-account http://va.internal:4003/graphql\n");
    expect(banner).not.toContain("Elsewhere");
  });

  it("names the web page's address when the gateway serves it, and nothing otherwise", () => {
    expect(startBanner({ ...facts, webPageUrl: "http://127.0.0.1:4000/app/" })).toContain(
      "  Web page:  http://localhost:4000/app/ (sign-in with a cookie session; development only)\n",
    );
    expect(startBanner(facts)).not.toContain("Web page");
  });

  it("says which subgraphs run elsewhere, where, and which variable said so", () => {
    const banner = startBanner({ ...facts, elsewhere: ["vehicle-account"] });
    expect(banner).toContain("  Subgraphs: identity http://localhost:4001/graphql, device-trust http://localhost:4002/graphql\n");
    expect(banner).toContain("  Elsewhere: vehicle-account at http://va.internal:4003/graphql (VEHICLE_ACCOUNT_URL), not started here\n");
  });
});
