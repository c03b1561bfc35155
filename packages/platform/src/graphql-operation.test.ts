import { requestOperationType, soleRootField } from "./graphql-operation";

const post = (body: unknown) => requestOperationType("POST", "", typeof body === "string" ? body : JSON.stringify(body));

describe("what a GraphQL request asks for", () => {
  it.each<[string, unknown, string | null]>([
    ["a query", { query: "{ me { id } }" }, "query"],
    ["a named mutation", { query: "mutation M { logout }" }, "mutation"],
    ["the operation operationName selects", { query: "query A { me { id } } mutation B { logout }", operationName: "B" }, "mutation"],
    ["several operations and no name", { query: "query A { me { id } } mutation B { logout }" }, null],
    ["an operation name that is not there", { query: "query A { me { id } }", operationName: "B" }, null],
    ["a document that does not parse", { query: "mutation { logout " }, null],
    ["no query", { variables: {} }, null],
    ["a batch", [{ query: "{ me { id } }" }], null],
    ["a body that is not JSON", "{not json", null],
  ])("tells %s", (_, body, expected) => {
    expect(post(body)).toBe(expected);
  });

  it("reads a GET request's query string", () => {
    expect(requestOperationType("GET", `?${new URLSearchParams({ query: "{ me { id } }" })}`, "")).toBe("query");
    expect(requestOperationType("GET", `?${new URLSearchParams({ query: "mutation { logout }" })}`, "")).toBe("mutation");
    expect(requestOperationType("GET", "", "")).toBeNull();
  });

  it("names the one root field an operation calls, however many times", () => {
    expect(soleRootField('mutation ($u: ID!) { registerDevice(userId: $u, name: "x", platform: WEB) { deviceToken } }')).toBe("registerDevice");
    expect(soleRootField('{ a: trustedDevice(userId: 1, deviceToken: "x") b: trustedDevice(userId: 2, deviceToken: "y") }')).toBe("trustedDevice");
    expect(soleRootField('{ trustedDevice(userId: 1, deviceToken: "x") registerDevice }')).toBeNull();
    expect(soleRootField("{ ...F } fragment F on Query { me { id } }")).toBeNull();
    expect(soleRootField("{ ")).toBeNull();
  });
});
