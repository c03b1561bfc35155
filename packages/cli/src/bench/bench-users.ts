import { closeRedis, createRedis, type ForwardedSession, SessionStore, sessionLifetimes } from "@oa/platform";
import { withDatabaseConnection } from "../records/database-connection";
import { writeRecords } from "../records/import-records";
import { benchRecords } from "./bench-records";
import type { BenchSystem } from "./bench-system";
import type { BenchUser } from "./comparisons";
import type { HttpClient } from "./http-client";
import { enrollAndSignIn } from "./sign-in";

/** The two signed-in users the workloads act as, and the smaller one's session as the gateway forwards it. */
export interface BenchUsers {
  single: BenchUser;
  fleet: BenchUser;
  singleSession: ForwardedSession;
}

/**
 * Imports the generated records as `npm run records:import` does, then enrolls, signs in and
 * fills the Snapshot of both customers through the gateway, as people would.
 */
export async function setUpBenchUsers(system: BenchSystem, client: HttpClient, fleetSize: number): Promise<BenchUsers> {
  const generated = benchRecords(fleetSize);
  await withDatabaseConnection(system.settings.databaseUrl!, (database) => writeRecords(database, generated.records, system.settings));
  const target = { client, gatewayUrl: system.gatewayUrl, outbox: system.outbox };
  const users: BenchUser[] = [];
  for (const customer of [generated.single, generated.fleet]) {
    const accessToken = await enrollAndSignIn(target, customer);
    users.push({ username: customer.username, accessToken, vehicleAccounts: customer.accountNumbers.length });
  }
  const [single, fleet] = users;

  const redis = createRedis(system.settings, "bench");
  try {
    const singleSession = await new SessionStore(redis, system.settings.redisKeyPrefix, sessionLifetimes(system.settings)).find(single.accessToken);
    if (!singleSession) throw new Error("the session just opened is not in Redis");
    return { single, fleet, singleSession };
  } finally {
    await closeRedis(redis);
  }
}
