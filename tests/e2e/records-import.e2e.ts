// `npm run records:import -- FILE` as an operator runs it: the built command, a real database.
// (`npm test` builds before it runs the tests.)
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "@oa/platform/testing";
import { Client } from "pg";
import { testRecords } from "../support/fixtures";

const COMMAND = join(__dirname, "../../packages/cli/dist/records-import.js");
const run = promisify(execFile);

async function importFile(database: TestDatabase, file: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [COMMAND, file], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent", EMBEDDED_DATA_DIR: join(dirname(file), "pglite") },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("the records:import command", () => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), "oa-import-"));
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  const counts = async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT (SELECT count(*) FROM identity.customers)::int AS customers, (SELECT count(*) FROM vehicle_account.vehicle_accounts)::int AS vehicles, (SELECT max(updated_at) FROM vehicle_account.vehicle_accounts) AS touched",
      );
      return rows[0] as { customers: number; vehicles: number; touched: Date };
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports a valid file after running the migrations", async () => {
    const result = await importFile(database, write("good.json", testRecords()));
    expect(result.code).toBe(0);
    expect(await counts()).toMatchObject({ customers: 5, vehicles: testRecords().vehicleAccounts.length });
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await counts();
    expect((await importFile(database, write("good-again.json", testRecords()))).code).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("refuses a bad file as a whole, naming the record and the field, with no stack trace", async () => {
    const before = await counts();
    const records = testRecords();
    records.customers.push({ ...records.customers[0], id: "C-NEW-1", taxId: "900100777" });
    records.vehicleAccounts[3] = { ...records.vehicleAccounts[3], vin: "1HGCV1F34MA00O103" };
    const result = await importFile(database, write("bad.json", records));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("vehicleAccounts[3]");
    expect(result.output).toContain(".vin");
    expect(result.output).not.toMatch(/\n\s+at /);
    expect(await counts()).toEqual(before);
  });

  it("refuses a file that is not JSON", async () => {
    const result = await importFile(database, write("broken.json", "{ not json"));
    expect(result.code).not.toBe(0);
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});
