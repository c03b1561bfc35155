import { GraphQLError } from "graphql";
import { Client } from "pg";
import { QueryFailedError } from "typeorm";
import type { IncomingMessage } from "node:http";
import { isDependencyUnavailable, unavailableDependency } from "./dependency-errors";
import { maskErrors } from "./errors";
import { createLogger } from "./logger";
import { ServiceMetrics } from "./metrics";
import { closeRedis, createRedis } from "./redis";
import { openRequestScope, runInRequestScope } from "./request-scope";
import { deadPort, metricValue, TEST_POSTGRES_URL } from "./testing";

/** A port nothing listens on: one the system gave out and that was closed again. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("isDependencyUnavailable", () => {
  it("recognises a command to a Redis that is down", async () => {
    const redis = createRedis({ redisUrl: `redis://127.0.0.1:${await deadPort()}` }, "dead-redis", createLogger("silent"));
    try {
      const error = await rejectionOf(redis.get("any"));
      expect(isDependencyUnavailable(error)).toBe(true);
      expect(unavailableDependency(error)).toBe("redis");
    } finally {
      await closeRedis(redis);
    }
  });

  it("recognises a PostgreSQL that refuses connections", async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.port = String(await deadPort());
    const error = await rejectionOf(new Client({ connectionString: url.toString() }).connect());
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it("recognises a PostgreSQL connection that the server ended, also wrapped by TypeORM", async () => {
    const victim = new Client({ connectionString: TEST_POSTGRES_URL });
    victim.on("error", () => undefined);
    await victim.connect();
    const pid = (await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    const admin = new Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    } finally {
      await admin.end();
    }
    const error = await rejectionOf(victim.query("SELECT 1"));
    expect(isDependencyUnavailable(error)).toBe(true);
    expect(isDependencyUnavailable(new QueryFailedError("SELECT 1", [], error as Error))).toBe(true);
    expect(unavailableDependency(new QueryFailedError("SELECT 1", [], error as Error))).toBe("postgresql");
    await victim.end().catch(() => undefined);
  });

  it("does not take a fault of the code or the query for an outage", async () => {
    const client = new Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    try {
      const syntax = await rejectionOf(client.query("SELEC 1"));
      expect(isDependencyUnavailable(syntax)).toBe(false);
      expect(isDependencyUnavailable(new QueryFailedError("SELEC 1", [], syntax as Error))).toBe(false);
    } finally {
      await client.end();
    }
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDependencyUnavailable(new Error('relation "identity.users" does not exist'))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
    expect(isDependencyUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("names PostgreSQL and Redis where their errors say so, and a bare socket error as network", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(unavailableDependency(refused)).toBe("network");
    expect(unavailableDependency(new QueryFailedError("SELECT 1", [], refused))).toBe("postgresql");
    expect(unavailableDependency(Object.assign(new Error("the database system is shutting down"), { code: "57P03" }))).toBe("postgresql");
    expect(unavailableDependency(new Error("Connection terminated unexpectedly"))).toBe("postgresql");
    expect(unavailableDependency(new GraphQLError("wrapped", { originalError: new Error("Command timed out") }))).toBe("redis");
    expect(unavailableDependency(new TypeError("x is undefined"))).toBeNull();
  });

  it("looks through causes and several addresses' errors", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6390"), { code: "ECONNREFUSED" });
    expect(isDependencyUnavailable(new Error("lookup failed", { cause: refused }))).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([refused, refused]))).toBe(true);
    expect(isDependencyUnavailable(new GraphQLError("wrapped", { originalError: refused }))).toBe(true);
  });
});

describe("maskErrors", () => {
  const lines: string[] = [];
  const format = maskErrors(createLogger("debug", {}, (line) => lines.push(line)));
  const formatted = (error: GraphQLError) => format({ message: error.message, path: ["login"], extensions: { code: "INTERNAL_SERVER_ERROR" } }, error);

  it("answers SERVICE_UNAVAILABLE for Redis or PostgreSQL not answering, without their details", () => {
    for (const original of [
      Object.assign(new Error("Reached the max retries per request limit (which is 1)."), { name: "MaxRetriesPerRequestError" }),
      new Error("Connection is closed."),
      new Error("Command timed out"),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      Object.assign(new Error("connect ETIMEDOUT 10.0.0.1:6379"), { code: "ETIMEDOUT" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
      Object.assign(new Error("connection failure"), { code: "08006" }),
      Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }),
      new Error("CLUSTERDOWN The cluster is down"),
      new Error("TRYAGAIN Multiple keys request during rehashing of slot"),
      Object.assign(new Error("Failed to refresh slots cache."), { name: "ClusterAllFailedError" }),
      new Error("None of startup nodes is available"),
    ]) {
      const answer = formatted(new GraphQLError("boom", { path: ["login"], originalError: original }));
      expect({ original: original.message, answer }).toEqual({
        original: original.message,
        answer: { message: "The service is unavailable. Please try again shortly.", path: ["login"], extensions: { code: "SERVICE_UNAVAILABLE" } },
      });
    }
  });

  it("counts each as a dependency error of the service serving the request", async () => {
    const metrics = new ServiceMetrics("identity", { processMetrics: false });
    const scope = openRequestScope({ headers: {} } as unknown as IncomingMessage, metrics);
    await runInRequestScope(scope, async () => {
      formatted(new GraphQLError("boom", { path: ["login"], originalError: new Error("Connection is closed.") }));
      formatted(new GraphQLError("boom", { path: ["login"], originalError: new Error("Connection terminated unexpectedly") }));
      formatted(new GraphQLError("boom", { path: ["login"], originalError: new Error("a fault of the code") }));
    });
    const text = await metrics.exposition();
    expect(metricValue(text, 'oa_dependency_errors_total{dependency="redis",service="identity"}')).toBe(1);
    expect(metricValue(text, 'oa_dependency_errors_total{dependency="postgresql",service="identity"}')).toBe(1);
  });

  it("still masks anything else as INTERNAL_SERVER_ERROR, and logs it", () => {
    lines.length = 0;
    const answer = formatted(new GraphQLError("boom", { originalError: new Error('relation "identity.users" does not exist') }));
    expect(answer.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(answer.message).not.toContain("identity.users");
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: "error", message: "unexpected error" })]);
  });
});
