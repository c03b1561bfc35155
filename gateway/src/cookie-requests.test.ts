import type { IncomingMessage } from "node:http";
import { cookiesHonoured, mediaType, preflighted } from "./cookie-requests";

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe("which requests' cookies count", () => {
  it.each([
    ["a JSON body", { "content-type": "application/json" }, true],
    ["a JSON body with a charset", { "content-type": "Application/JSON; charset=utf-8" }, true],
    ["an apollo-require-preflight header (a GET)", { "apollo-require-preflight": "true" }, true],
    ["an x-apollo-operation-name header", { "x-apollo-operation-name": "Snapshot" }, true],
    ["no content type (a plain GET)", {}, false],
    ["an HTML form", { "content-type": "application/x-www-form-urlencoded" }, false],
    ["a multipart form", { "content-type": "multipart/form-data; boundary=x" }, false],
    ["text/plain", { "content-type": "text/plain" }, false],
    ["text/plain dressed up as JSON", { "content-type": "text/plain; application/json" }, false],
    ["an empty apollo-require-preflight", { "apollo-require-preflight": " " }, false],
  ])("%s: preflighted %s", (_name, headers, expected) => {
    expect(preflighted(request(headers))).toBe(expected);
  });

  it("reads the media type without parameters, in lower case", () => {
    expect(mediaType("Text/Plain ; charset=utf-8")).toBe("text/plain");
    expect(mediaType(undefined)).toBe("");
  });

  it("counts the cookies of a preflighted request from no Origin, WEB_ORIGINS or the gateway's own origin only", () => {
    const policy = { webOrigins: ["https://online.example.com"], tls: true };
    const json = { "content-type": "application/json", host: "api.example.com" };
    expect(cookiesHonoured(request(json), policy)).toBe(true);
    expect(cookiesHonoured(request({ ...json, origin: "https://online.example.com" }), policy)).toBe(true);
    expect(cookiesHonoured(request({ ...json, origin: "https://api.example.com" }), policy)).toBe(true);
    expect(cookiesHonoured(request({ ...json, origin: "http://api.example.com" }), policy)).toBe(false);
    expect(cookiesHonoured(request({ ...json, origin: "https://evil.example.net" }), policy)).toBe(false);
    expect(cookiesHonoured(request({ ...json, origin: "null" }), policy)).toBe(false);
    expect(cookiesHonoured(request({ host: "api.example.com", origin: "https://online.example.com", "content-type": "text/plain" }), policy)).toBe(false);
  });
});
