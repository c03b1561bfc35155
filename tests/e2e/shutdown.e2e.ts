// Stopping under load: SIGTERM to a service (each a process of its own, from the build, as deployed)
// while clients send requests without pause. The service drains: every request is answered, or
// refused before anything was done with it (the connection refused, or an idle keep-alive
// connection closed under a request not yet read; or, from the gateway, SERVICE_UNAVAILABLE for
// a subgraph that has gone), and it exits 0 well inside its deadline.
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { closeRedis, createRedis, DRAIN_MS } from "@oa/platform";
import { createTestDatabase, type TestDatabase, TEST_REDIS_URL } from "@oa/platform/testing";
import { graphqlData } from "../../packages/cli/src/bench/http-client";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { cleanEnvironment, type StandaloneName, type StandaloneServices, startStandaloneServices } from "../../packages/cli/src/standalone-services";

const CLIENTS = 16;
/** Well inside runService's forced exit after 10 s. */
const STOP_WITHIN_MS = DRAIN_MS;

/** What became of each request sent. */
interface Outcomes {
  answered: number;
  /** The gateway's SERVICE_UNAVAILABLE for a subgraph that has stopped. */
  unavailable: number;
  /** Refused before anything was done with it: ECONNREFUSED, or a connection reset with no answer begun. */
  refused: number;
  /** Anything else (a 500, a half answer, a timeout): none allowed. */
  unclean: string[];
}

const CATALOG = JSON.stringify({ query: contractOperation("SecurityQuestionCatalog"), operationName: "SecurityQuestionCatalog" });
// An unknown username costs a whole argon2id verification: requests that are still under way when the signal comes.
const LOGIN = JSON.stringify({ query: contractOperation("Login"), operationName: "Login", variables: { input: { username: "nobody.here", password: "Not-The-Password-1" } } });

/** A POST over keep-alive sockets; a failure tells whether any of the answer had come (`answerBegun`). */
function poster(agent: Agent) {
  return (url: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = request(
        url,
        { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: 10_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", (error) => reject(Object.assign(error, { answerBegun: true })));
        },
      );
      outgoing.on("timeout", () => outgoing.destroy(Object.assign(new Error("no answer within 10 s"), { answerBegun: false })));
      outgoing.on("error", (error) => reject(error));
      outgoing.end(body);
    });
}

/** CLIENTS clients sending the catalog and logins in turn, without pause, until stopped. */
function startLoad(gatewayUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const post = poster(agent);
  const outcomes: Outcomes = { answered: 0, unavailable: 0, refused: 0, unclean: [] };
  let running = true;
  const worker = async (n: number) => {
    for (let i = n; running; i++) {
      try {
        const answer = await post(gatewayUrl, i % 2 === 0 ? CATALOG : LOGIN);
        try {
          graphqlData(answer);
          outcomes.answered++;
        } catch (error) {
          const unavailable = /SERVICE_UNAVAILABLE/.test(String(error)) && (answer.status === 200 || answer.status === 503);
          if (unavailable) outcomes.unavailable++;
          else outcomes.unclean.push(`${answer.status} ${answer.text.slice(0, 200)}`);
        }
      } catch (error) {
        const { code, answerBegun } = error as NodeJS.ErrnoException & { answerBegun?: boolean };
        if (!answerBegun && (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE")) {
          outcomes.refused++;
          // The gateway is gone: do not spin on refusals.
          await new Promise((resolve) => setTimeout(resolve, 10));
        } else outcomes.unclean.push(`${code ?? ""} ${(error as Error).message}`);
      }
    }
  };
  const workers = Array.from({ length: CLIENTS }, (_, n) => worker(n));
  return {
    outcomes,
    async stop(): Promise<Outcomes> {
      running = false;
      await Promise.all(workers);
      agent.destroy();
      return outcomes;
    },
  };
}

describe("a service stopped under load", () => {
  let database: TestDatabase;
  let services: StandaloneServices;
  const prefix = `oa-test-shutdown-${randomBytes(4).toString("hex")}:`;

  beforeEach(async () => {
    database = await createTestDatabase();
    services = await startStandaloneServices({
      env: cleanEnvironment({ NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix }),
    });
  });

  afterEach(async () => {
    await services.stop();
    await database.drop();
    const redis = createRedis({ redisUrl: TEST_REDIS_URL });
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedis(redis);
  });

  it.each<[StandaloneName]>([["identity"], ["gateway"]])(
    "%s drains: every request answered or refused cleanly, exit 0 within the drain time",
    async (name) => {
      const load = startLoad(services.gatewayUrl);
      while (load.outcomes.answered < 100) await new Promise((resolve) => setTimeout(resolve, 20));

      const signalled = Date.now();
      process.kill(services.pids[name], "SIGTERM");
      const code = await services.exited[name];
      const tookMs = Date.now() - signalled;
      // The clients go on a little after the exit: what they get then is refused or unavailable.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const outcomes = await load.stop();

      expect(outcomes.unclean).toEqual([]);
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(STOP_WITHIN_MS);
      expect(services.errors[name].join("\n")).not.toMatch(/close failed|forced/i);
      if (name === "identity") {
        // The gateway stays: it answers every request, the later ones SERVICE_UNAVAILABLE.
        expect(outcomes.refused).toBe(0);
        expect(outcomes.unavailable).toBeGreaterThan(0);
      } else {
        expect(outcomes.refused).toBeGreaterThan(0);
      }
    },
    30_000,
  );
});
