// HTTPS as the bank promises its customers: with TLS_CERT_FILE / TLS_KEY_FILE the gateway speaks
// HTTPS and sends HSTS, and every answer of every service carries the usual API headers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { STRICT_TRANSPORT_SECURITY } from "@oa/platform";
import { type RawAnswer, postJson, rawRequest } from "../support/raw-request";
import { TestSystem } from "../support/system";

/** A certificate for localhost and 127.0.0.1, valid for a day, made with the openssl CLI; null without openssl. */
function makeCertificate(folder: string): { cert: string; key: string } | null {
  const cert = path.join(folder, "cert.pem");
  const key = path.join(folder, "key.pem");
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-days",
        "1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return { cert, key };
}

const folder = mkdtempSync(path.join(tmpdir(), "oa-tls-"));
const certificate = makeCertificate(folder);
if (!certificate) {
  rmSync(folder, { recursive: true, force: true });
  process.stderr.write("https-and-headers.e2e: skipped, the openssl command is not installed (apt-get install openssl)\n");
}
const describeWithOpenssl = certificate ? describe : describe.skip;

/** The headers every answer of every service carries. */
function expectApiHeaders(answer: RawAnswer) {
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["referrer-policy"]).toBe("no-referrer");
  expect(answer.headers["x-frame-options"]).toBe("DENY");
  expect(answer.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(answer.headers["cache-control"]).toBe("no-store");
}

describeWithOpenssl("the gateway with TLS_CERT_FILE and TLS_KEY_FILE", () => {
  let system: TestSystem;
  let ca: Buffer;
  let base: string;
  beforeAll(async () => {
    ca = readFileSync(certificate!.cert);
    system = await TestSystem.start({ tlsCertFile: certificate!.cert, tlsKeyFile: certificate!.key });
    base = system.gatewayUrl.replace(/\/graphql$/, "");
  });
  afterAll(async () => {
    await system?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("answers a GraphQL query over HTTPS, with HSTS and the API headers", async () => {
    expect(system.gatewayUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const answer = await postJson(system.gatewayUrl, { query: "{ securityQuestionCatalog { id } }" }, { ca });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data.securityQuestionCatalog.length).toBeGreaterThan(0);
    expect(answer.headers["strict-transport-security"]).toBe(STRICT_TRANSPORT_SECURITY);
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=31536000; includeSubDomains");
    expectApiHeaders(answer);
  });

  it("speaks no plain HTTP on its port", async () => {
    await expect(rawRequest(system.gatewayUrl.replace(/^https:/, "http:"))).rejects.toThrow();
  });

  it.each<[string, () => Promise<RawAnswer>, number]>([
    ["/healthz", () => rawRequest(`${base}/healthz`, { ca }), 200],
    ["/readyz", () => rawRequest(`${base}/readyz`, { ca }), 200],
    ["an unknown path (404)", () => rawRequest(`${base}/nothing-here`, { ca }), 404],
    ["a body over the limit (413)", () => postJson(system.gatewayUrl, { query: `{ me { id } } # ${"x".repeat(110 * 1024)}` }, { ca }), 413],
    ["a syntax error (400)", () => postJson(system.gatewayUrl, { query: "{ me { id " }, { ca }), 400],
    ["a method not allowed (405)", () => rawRequest(system.gatewayUrl, { ca, method: "PUT" }), 405],
    [
      "a CORS preflight (204)",
      () => rawRequest(system.gatewayUrl, { ca, method: "OPTIONS", headers: { origin: "https://www.example.com", "access-control-request-method": "POST" } }),
      204,
    ],
  ])("sends HSTS and the API headers on %s", async (_, send, status) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.headers["strict-transport-security"]).toBe(STRICT_TRANSPORT_SECURITY);
    expectApiHeaders(answer);
  });

  it("keeps Sandbox's page working: only framing is forbidden there", async () => {
    const page = await rawRequest(system.gatewayUrl, { ca, headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["strict-transport-security"]).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it.each(["identity", "device-trust", "vehicle-account"])("leaves subgraph %s on plain HTTP, without HSTS but with the API headers, 401 included", async (name) => {
    const url = system.subgraphUrls[name];
    expect(url).toMatch(/^http:\/\//);
    const refused = await postJson(url, { query: "{ __typename }" });
    expect(refused.status).toBe(401);
    expect(refused.headers["strict-transport-security"]).toBeUndefined();
    expectApiHeaders(refused);
    const health = await rawRequest(url.replace(/\/graphql$/, "/healthz"));
    expect(health.status).toBe(200);
    expect(health.headers["strict-transport-security"]).toBeUndefined();
    expectApiHeaders(health);
  });
});
