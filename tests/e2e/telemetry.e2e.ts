// Traces and logs across the four services, each a process of its own as deployed (their built
// dist, as `npm test` builds it), with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP/HTTP
// receiver here and LOG_LEVEL=debug:
// - one Snapshot is one trace, with spans from all four services and the PostgreSQL and Redis
//   calls under them; an internal call carries the trace on;
// - every line written while serving a request carries its request id and trace id;
// - no secret of any request (password, tax id, answer, code, token) reaches a log line or a span.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { createTestDatabase, metricValue, scrapeMetrics, type TestDatabase, TEST_REDIS_URL, testSettings } from "@oa/platform/testing";
import { answerData, type GraphQLBody } from "../../packages/cli/src/journeys/graphql-answer";
import { Outbox } from "../../packages/cli/src/journeys/outbox";
import { enroll, type RunOperation, securityAnswers, signInWithStepUp } from "../../packages/cli/src/journeys/sign-in";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from "../../packages/cli/src/otlp-receiver";
import { fromRoot } from "../../packages/cli/src/project-root";
import { withDatabaseConnection } from "../../packages/cli/src/records/database-connection";
import { writeRecords } from "../../packages/cli/src/records/import-records";
import { cleanEnvironment, type StandaloneName, type StandaloneServices, startStandaloneServices } from "../../packages/cli/src/standalone-services";
import { DANA, GOOD_PASSWORD, testRecords } from "../support/fixtures";

const SERVICES: StandaloneName[] = ["gateway", "identity", "device-trust", "vehicle-account"];
const WRONG_PASSWORD = "Wrong-Harbor-Lantern-17";

/** The environment of a child: this one's, without any setting a developer may have exported. */
const childEnv = (extra: Record<string, string>) => cleanEnvironment({ NODE_ENV: "test", ...extra });

/** A W3C traceparent of a caller's own span, so the test knows the trace its request starts. */
function callerSpan() {
  const traceId = randomBytes(16).toString("hex");
  const spanId = randomBytes(8).toString("hex");
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > giveUpAt) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("traces and logs of the four services as separate processes", () => {
  let database: TestDatabase;
  let receiver: OtlpReceiver;
  let services: StandaloneServices;
  let outbox: Outbox;
  /** Lines each service had written once everything was ready: those after it were written while serving requests. */
  const readyAt = {} as Record<StandaloneName, number>;
  let exitCodes: Record<StandaloneName, number | null>;
  const secrets: string[] = [GOOD_PASSWORD, WRONG_PASSWORD, DANA.taxId, DANA.taxId.replace(/-/g, "")];
  const snapshot = callerSpan();
  const internalCall = callerSpan();
  const getQuery = callerSpan();

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(services.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: response.status, requestId: response.headers.get("x-request-id"), body: (await response.json()) as GraphQLBody<Record<string, any>> };
  };
  const run: RunOperation = async (operationName, variables, accessToken) => {
    const { status, body } = await post({ query: contractOperation(operationName), operationName, variables }, accessToken ? { authorization: `Bearer ${accessToken}` } : {});
    return answerData(status, body);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startOtlpReceiver({ keep: true });
    outbox = Outbox.inNewFolder();
    const prefix = `oa-test-telemetry-${randomBytes(4).toString("hex")}:`;
    services = await startStandaloneServices({
      keepOutput: true,
      env: childEnv({
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        MESSAGE_OUTBOX_FILE: outbox.file,
        LOG_LEVEL: "debug",
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_BSP_SCHEDULE_DELAY: "100",
      }),
    });
    // The subgraphs migrated as they started; the records go in as records:import writes them.
    await withDatabaseConnection(database.url, (connection) => writeRecords(connection, testRecords(), testSettings({ databaseUrl: database.url, redisKeyPrefix: prefix })));
    for (const name of SERVICES) readyAt[name] = services.output[name].length;

    // Enrollment and a sign-in through step-up, with a wrong password on the way: every kind of secret.
    const { securityQuestionCatalog } = await run("SecurityQuestionCatalog", {});
    secrets.push(...securityAnswers(securityQuestionCatalog).map((answer) => answer.answer));
    expect((await enroll(run, DANA, { username: "dana.w", password: GOOD_PASSWORD }, { accountType: "BANK", accountNumber: "2100000001" })).__typename).toBe("EnrollmentSucceeded");
    expect((await run("Login", { input: { username: "dana.w", password: WRONG_PASSWORD } })).login.code).toBe("INVALID_CREDENTIALS");
    // A password where text goes, a tax id in a GET's variables: the echo paths of an error.
    await post({
      query: "mutation Login($input: LoginInput!) { login(input: $input) { __typename } }",
      variables: { input: { username: "dana.w", password: { p: GOOD_PASSWORD } } },
    });
    const variables = encodeURIComponent(JSON.stringify({ taxId: DANA.taxId }));
    await fetch(`${services.gatewayUrl}?query=${encodeURIComponent("query Q($taxId: String!) { me { id } }")}&variables=${variables}`, {
      headers: { traceparent: getQuery.traceparent },
    });

    const signedIn = await signInWithStepUp(run, outbox, DANA, { username: "dana.w", password: GOOD_PASSWORD }, { name: "Laptop", platform: "WEB" });
    secrets.push(signedIn.accessToken, signedIn.deviceToken!, ...codesSent());

    // The Snapshot, in a trace the test starts; and a login from the remembered device (identity calls device-trust).
    const answered = await post(
      { query: contractOperation("Snapshot"), operationName: "Snapshot" },
      { authorization: `Bearer ${signedIn.accessToken}`, traceparent: snapshot.traceparent, "x-request-id": "snapshot-of-dana" },
    );
    expect(answered.body.errors).toBeUndefined();
    expect(answered.requestId).toBe("snapshot-of-dana");
    const remembered = await post(
      { query: contractOperation("Login"), operationName: "Login", variables: { input: { username: "dana.w", password: GOOD_PASSWORD, deviceToken: signedIn.deviceToken } } },
      { traceparent: internalCall.traceparent },
    );
    expect(remembered.body.data!.login.__typename).toBe("LoginSucceeded");
    secrets.push(remembered.body.data!.login.session.accessToken);
  });

  afterAll(async () => {
    if (services && !exitCodes) await services.stop();
    await receiver?.close();
    await database?.drop();
    if (outbox) rmSync(dirname(outbox.file), { recursive: true, force: true });
  });

  const codesSent = () =>
    outbox
      .messages()
      .map((message) => /\b(\d{6})\b/.exec(message.body)?.[1])
      .filter((code): code is string => code !== undefined);
  const spansOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const isDatabase = (span: ReceivedSpan) => span.attributes["db.system"] === "postgresql" || span.attributes["db.system.name"] === "postgresql";
  const isRedis = (span: ReceivedSpan) => span.attributes["db.system"] === "redis" || span.attributes["db.system.name"] === "redis";

  /** The spans of one trace, once those expected have come in (they are sent in batches). */
  const trace = (traceId: string, until: (spans: ReceivedSpan[]) => boolean) => eventually(() => spansOf(traceId), until);

  it("makes one trace of a Snapshot, with spans from all four services and the PostgreSQL and Redis calls under them", async () => {
    const spans = await trace(snapshot.traceId, (found) => new Set(found.filter(isDatabase).map((span) => span.service)).size === 3);
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(SERVICES));
    // One tree: every span's parent is in the trace, but the root's, which is the caller's span.
    const ids = new Set(spans.map((span) => span.spanId));
    const roots = spans.filter((span) => !ids.has(span.parentSpanId ?? ""));
    expect(roots.map((span) => [span.service, span.kind, span.parentSpanId])).toEqual([["gateway", 2, snapshot.spanId]]);
    // The statements of each subgraph, and the gateway's session look-up in Redis, under the request.
    expect(new Set(spans.filter(isDatabase).map((span) => span.service))).toEqual(new Set(["identity", "device-trust", "vehicle-account"]));
    expect(spans.filter(isRedis).map((span) => span.service)).toContain("gateway");
    // Each subgraph's spans hang under a server span of its own, whose parent is a gateway span.
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    for (const subgraph of ["identity", "device-trust", "vehicle-account"]) {
      const server = spans.find((span) => span.service === subgraph && span.kind === 2);
      expect([subgraph, byId.get(server!.parentSpanId!)?.service]).toEqual([subgraph, "gateway"]);
      expect(server!.attributes["graphql.operation.name"]).toMatch(/^Snapshot__/);
    }
    // Redis spans name the command, never a key (keys name sessions and people).
    for (const span of spans.filter(isRedis)) expect(String(span.attributes["db.statement"] ?? span.attributes["db.query.text"] ?? "")).toMatch(/^[a-z]+$/);
  });

  it("carries the trace on through an internal call (identity to device-trust)", async () => {
    const isCall = (span: ReceivedSpan) => span.service === "identity" && span.kind === 3 && /^device-trust \w+$/.test(span.name);
    const spans = await trace(internalCall.traceId, (found) => found.some(isCall) && found.some((span) => span.service === "device-trust" && span.kind === 2));
    const call = spans.find(isCall);
    expect(call).toBeDefined();
    const deviceTrustServer = spans.find((span) => span.service === "device-trust" && span.kind === 2);
    expect(deviceTrustServer?.parentSpanId).toBe(call!.spanId);
  });

  it("puts no secret in any span: no document, variables or values", async () => {
    const getSpans = await trace(getQuery.traceId, (found) => found.length > 0);
    // A GET's query string (its document and variables) is never recorded.
    const getServer = getSpans.find((span) => span.kind === 2);
    expect(getServer?.attributes).toMatchObject({ "http.request.method": "GET", "url.path": "/graphql" });
    expect(JSON.stringify(getServer)).not.toMatch(/taxId|variables/);
    const text = JSON.stringify(receiver.spans);
    expect(receiver.spans.length).toBeGreaterThan(50);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it("serves /metrics on every process", async () => {
    for (const name of SERVICES) {
      const text = await scrapeMetrics(services.urls[name]);
      expect([name, metricValue(text, `process_cpu_user_seconds_total{service="${name}"}`) > 0]).toEqual([name, true]);
    }
    expect(metricValue(await scrapeMetrics(services.urls.identity), 'oa_logins_total{outcome="LoginRejected:INVALID_CREDENTIALS",service="identity"}')).toBe(1);
  });

  describe("the log lines", () => {
    const lines = (name: StandaloneName) => services.output[name].filter((line) => line !== "");
    const servingLines = (name: StandaloneName) =>
      lines(name)
        .slice(readyAt[name])
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    beforeAll(async () => {
      // Everything written, then a clean stop (tracing sends its last spans).
      exitCodes = await services.stop();
    });

    it("are JSON, and each written while serving a request carries its request id and trace id", () => {
      expect(exitCodes).toEqual({ gateway: 0, identity: 0, "device-trust": 0, "vehicle-account": 0 });
      for (const name of SERVICES) {
        // Besides the gateway's banner at its start ("gateway: http://..."), every line is JSON.
        for (const line of lines(name).filter((each) => !/^(gateway|Apollo Sandbox): /.test(each))) expect(() => JSON.parse(line)).not.toThrow();
        const serving = servingLines(name);
        expect([name, serving.filter((line) => line.message === "request served").length > 0]).toEqual([name, true]);
        for (const line of serving)
          expect([name, line]).toEqual([name, expect.objectContaining({ requestId: expect.any(String), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) })]);
      }
    });

    it("carry the gateway's request id and the trace on into every subgraph", () => {
      for (const name of SERVICES) {
        const ofSnapshot = servingLines(name).filter((line) => line.requestId === "snapshot-of-dana");
        expect([name, ofSnapshot.length > 0]).toEqual([name, true]);
        for (const line of ofSnapshot) expect(line.traceId).toBe(snapshot.traceId);
      }
    });

    it("never show a password, tax id, answer, code or token, at debug level", () => {
      const text = SERVICES.map((name) => lines(name).join("\n")).join("\n");
      expect(text).toContain('"level":"debug"');
      expect(secrets.length).toBeGreaterThanOrEqual(10);
      for (const secret of secrets) expect(text).not.toContain(secret);
    });
  });
});

describe("tracing switched off (no OTLP endpoint)", () => {
  /** The OpenTelemetry modules a built entry point's tracing start loads, with this environment. */
  function loadedBy(env: NodeJS.ProcessEnv): Promise<string[]> {
    const script = `require(${JSON.stringify(fromRoot("gateway/dist/tracing.js"))}); console.log(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes("@opentelemetry")).map((file) => file.split("node_modules/").pop())))`;
    return new Promise((resolve, reject) =>
      execFile(process.execPath, ["-e", script], { env }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as string[]))),
    );
  }

  it("loads no SDK and patches nothing", async () => {
    expect(await loadedBy(childEnv({}))).toEqual([]);
    const on = await loadedBy(childEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" }));
    expect(on.some((file) => file.startsWith("@opentelemetry/sdk-trace-node/"))).toBe(true);
  });
});
