// Which client a failed try counts against: the socket's address, unless the request came
// through a proxy of TRUSTED_PROXIES; then the address that proxy saw (X-Forwarded-For).
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { postJson } from "../support/raw-request";
import { TestSystem } from "../support/system";

const MAX = 3;
// The test's requests leave from 127.0.0.1 (the trusted proxy) or from 127.0.0.2 (a client that
// reaches the gateway directly): both are this machine, on loopback.
const PROXY = "127.0.0.1";
const DIRECT_CLIENT = "127.0.0.2";

describe("the client address behind TRUSTED_PROXIES", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ trustedProxies: [PROXY], clientMaxFailures: MAX, clientWindowSeconds: 60 });
  });
  afterAll(() => system.stop());

  let attempt = 0;
  /** One wrong login (a username of its own each time, so only the client's budget fills). */
  async function wrongLogin(from: string, forwardedFor?: string): Promise<string> {
    attempt += 1;
    const answer = await postJson(
      system.gatewayUrl,
      { query: contractOperation("Login"), operationName: "Login", variables: { input: { username: `nobody.${attempt}`, password: `wrong-password-${attempt}!` } } },
      { localAddress: from, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} },
    );
    expect(answer.status).toBe(200);
    return JSON.parse(answer.text).data.login.code;
  }

  it("counts the failures of a client behind a trusted proxy against that client's address", async () => {
    for (let i = 0; i < MAX; i++) expect(await wrongLogin(PROXY, "203.0.113.5")).toBe("INVALID_CREDENTIALS");
    expect(await wrongLogin(PROXY, "203.0.113.5")).toBe("TOO_MANY_ATTEMPTS");
    // A client the edge saw, past a client-written entry: the written entry is not believed.
    expect(await wrongLogin(PROXY, "198.51.100.77, 203.0.113.5")).toBe("TOO_MANY_ATTEMPTS");
  });

  it("does not hold one client's failures against another behind the same proxy", async () => {
    expect(await wrongLogin(PROXY, "203.0.113.6")).toBe("INVALID_CREDENTIALS");
  });

  it("ignores X-Forwarded-For from a client that is not a trusted proxy, so made-up addresses buy no tries", async () => {
    const answers: string[] = [];
    for (let i = 0; i < MAX + 1; i++) answers.push(await wrongLogin(DIRECT_CLIENT, `198.51.100.${i + 1}`));
    expect(answers).toEqual([...Array(MAX).fill("INVALID_CREDENTIALS"), "TOO_MANY_ATTEMPTS"]);
  });
});
