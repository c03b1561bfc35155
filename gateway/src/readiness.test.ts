import { readinessUrlOf } from "./readiness";

describe("readinessUrlOf", () => {
  it.each([
    ["http://127.0.0.1:4001/graphql", "http://127.0.0.1:4001/readyz"],
    ["http://identity:4001/graphql/", "http://identity:4001/readyz"],
    ["https://api.internal/identity/graphql", "https://api.internal/identity/readyz"],
    ["http://device-trust:4002", "http://device-trust:4002/readyz"],
  ])("derives %s → %s", (graphqlUrl, readyz) => {
    expect(readinessUrlOf(graphqlUrl)).toBe(readyz);
  });
});
