// A statement that runs past DATABASE_STATEMENT_TIMEOUT_MS (here: one waiting for a lock someone
// holds) is cancelled by PostgreSQL: the request answers SERVICE_UNAVAILABLE at about the timeout,
// changes nothing, and the service answers again as soon as the database does.
import { Client } from "pg";
import { metricValue, scrapeMetrics } from "@oa/platform/testing";
import { DANA, testRecords } from "../support/fixtures";
import { enroll, signIn } from "../support/journeys";
import { TestSystem } from "../support/system";

const TIMEOUT_MS = 400;

describe("DATABASE_STATEMENT_TIMEOUT_MS", () => {
  let system: TestSystem;
  let dana: string;
  beforeAll(async () => {
    system = await TestSystem.start({ databaseStatementTimeoutMs: TIMEOUT_MS }, testRecords());
    await enroll(system, DANA, "dana.w", { accountType: "BANK", accountNumber: "2100000001" });
    dana = (await signIn(system, DANA, "dana.w")).accessToken;
    expect((await system.run("AddVehicle", { input: { accountNumber: "AV-0000000101" } }, dana)).body.data!.addVehicle.__typename).toBe("VehicleAdded");
  });
  afterAll(() => system.stop());

  /** Runs `during` while another connection holds an exclusive lock on `table`. */
  async function whileLocked<T>(table: string, during: () => Promise<T>): Promise<T> {
    const holder = new Client({ connectionString: system.settings.databaseUrl });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      return await during();
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
  }

  it("answers SERVICE_UNAVAILABLE for the part whose statement ran too long, at about the timeout", async () => {
    const { started, answer } = await whileLocked("vehicle_account.snapshot_entries", async () => {
      const started = Date.now();
      return { started, answer: await system.run("Snapshot", {}, dana) };
    });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(took).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([
      { message: "The service is unavailable. Please try again shortly.", path: ["me", "vehicleAccounts"], extensions: { code: "SERVICE_UNAVAILABLE" } },
    ]);
    // vehicleAccounts is non-null, so the error nulls `me` (a client asks again, as for any outage).
    expect(answer.body.data).toEqual({ me: null });
    const metrics = await scrapeMetrics(system.directUrls["vehicle-account"]);
    expect(metricValue(metrics, 'oa_dependency_errors_total{dependency="postgresql",service="vehicle-account"}')).toBeGreaterThanOrEqual(1);
  });

  it("changes nothing when a mutation's statement is cancelled, and serves again once the lock is gone", async () => {
    const answer = await whileLocked("vehicle_account.snapshot_entries", () => system.run("AddVehicle", { input: { accountNumber: "AV-0000000108" } }, dana));
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    const { body } = await system.run("Snapshot", {}, dana);
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.vehicleAccounts.map((account: { accountNumberLast4: string }) => account.accountNumberLast4)).toEqual(["0101"]);
    expect((await system.run("AddVehicle", { input: { accountNumber: "AV-0000000108" } }, dana)).body.data!.addVehicle.__typename).toBe("VehicleAdded");
  });

  it("bounds a sign-in's statements too", async () => {
    const answer = await whileLocked("identity.users", () => system.run("Login", { input: { username: "dana.w", password: "whatever-it-is-1" } }));
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  });
});
