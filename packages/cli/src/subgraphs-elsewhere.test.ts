import { subgraphsElsewhere } from "./subgraphs-elsewhere";

describe("subgraphsElsewhere", () => {
  it("names nothing when no URL variable is set, or only blank ones", () => {
    expect(subgraphsElsewhere({})).toEqual({});
    expect(subgraphsElsewhere({ IDENTITY_URL: "", VEHICLE_ACCOUNT_URL: "  " })).toEqual({});
  });

  it("names each subgraph whose URL variable is set, at that URL (trimmed)", () => {
    expect(subgraphsElsewhere({ VEHICLE_ACCOUNT_URL: " http://va.internal:4003/graphql ", DEVICE_TRUST_URL: "http://dt:4002/graphql", GATEWAY_PORT: "4000" })).toEqual({
      "vehicle-account": "http://va.internal:4003/graphql",
      "device-trust": "http://dt:4002/graphql",
    });
    expect(subgraphsElsewhere({ IDENTITY_URL: "http://identity:4001/graphql" })).toEqual({ identity: "http://identity:4001/graphql" });
  });
});
