import { bearerToken } from "./bearer-token";

describe("bearerToken", () => {
  it("takes the token of a Bearer header, whatever the scheme's case", () => {
    expect(bearerToken("Bearer abc-DEF_123")).toBe("abc-DEF_123");
    expect(bearerToken("bearer abc")).toBe("abc");
  });

  it.each([undefined, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer a,Bearer b", "Token abc"])("finds no token in %p", (header) => {
    expect(bearerToken(header)).toBeNull();
  });

  it("finds no token when the header is repeated", () => {
    expect(bearerToken(["Bearer a", "Bearer b"])).toBeNull();
  });
});
