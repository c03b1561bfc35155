import type { MigrationInterface, QueryRunner } from "typeorm";
import { createDataSource, migrate } from "./database";
import { isDependencyUnavailable, unavailableDependency } from "./dependency-errors";
import { createTestDatabase, type TestDatabase } from "./testing";

// A migration slower than the statement timeout: migrations run without it.
class SlowMigration1700000000000 implements MigrationInterface {
  name = "SlowMigration1700000000000";
  async up(runner: QueryRunner): Promise<void> {
    await runner.query("SELECT pg_sleep(0.5)");
    await runner.query('CREATE TABLE "pool_test"."things" (id int PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "pool_test"."things"');
  }
}

describe("createDataSource", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const dataSource = (options: { poolSize?: number; statementTimeoutMs?: number }) =>
    createDataSource({ url: database.url, schema: "pool_test", entities: [], migrations: [SlowMigration1700000000000], ...options });

  it("holds at most DATABASE_POOL_SIZE connections, however many statements wait", async () => {
    const pool = dataSource({ poolSize: 2 });
    await pool.initialize();
    try {
      const pids = await Promise.all(Array.from({ length: 6 }, async () => (await pool.query<{ pid: number }[]>("SELECT pg_backend_pid() AS pid, pg_sleep(0.1)"))[0].pid));
      expect(new Set(pids).size).toBe(2);
    } finally {
      await pool.destroy();
    }
  });

  it("has PostgreSQL cancel a statement past its timeout, as an outage (SERVICE_UNAVAILABLE), and goes on", async () => {
    const pool = dataSource({ poolSize: 1, statementTimeoutMs: 200 });
    await pool.initialize();
    try {
      expect(await pool.query("SHOW statement_timeout")).toEqual([{ statement_timeout: "200ms" }]);
      const started = Date.now();
      const error = await pool.query("SELECT pg_sleep(2)").then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(error).toMatchObject({ driverError: { code: "57014" } });
      expect(isDependencyUnavailable(error)).toBe(true);
      expect(unavailableDependency(error)).toBe("postgresql");
      // The same connection serves the next statement.
      expect(await pool.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await pool.destroy();
    }
  });

  it("runs migrations without the timeout, on one connection, and leaves the pool's timeout in place", async () => {
    const pool = dataSource({ poolSize: 1, statementTimeoutMs: 200 });
    await pool.initialize();
    try {
      await migrate(pool, "pool_test");
      expect(await pool.query('SELECT count(*)::int AS n FROM "pool_test"."things"')).toEqual([{ n: 0 }]);
      expect(await pool.query("SHOW statement_timeout")).toEqual([{ statement_timeout: "200ms" }]);
      // Again: nothing is pending, nothing runs.
      await migrate(pool, "pool_test");
    } finally {
      await pool.destroy();
    }
  });

  it("sets no timeout unless asked", async () => {
    const pool = dataSource({});
    await pool.initialize();
    try {
      expect(await pool.query("SHOW statement_timeout")).toEqual([{ statement_timeout: "0" }]);
    } finally {
      await pool.destroy();
    }
  });
});
