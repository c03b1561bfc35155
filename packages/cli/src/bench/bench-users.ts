import { closeRedis, createRedis, type ForwardedSession, SessionStore, sessionLifetimes } from "@oa/platform";
import { withDatabaseConnection } from "../records/database-connection";
import { writeRecords } from "../records/import-records";
import { BENCH_PASSWORD, benchRecords } from "./bench-records";
import type { BenchSystem } from "./bench-system";
import type { BenchUser } from "./comparisons";
import type { HttpClient } from "./http-client";
import { enrollAndSignIn } from "./sign-in";

/** Someone who signs in during the login comparison: the password, and the deviceToken of their registered device. */
export interface LoginUser {
  username: string;
  password: string;
  deviceToken: string;
}

/** The signed-in users the workloads act as, the smaller one's session as the gateway forwards it, and the login users. */
export interface BenchUsers {
  single: BenchUser;
  fleet: BenchUser;
  singleSession: ForwardedSession;
  logins: LoginUser[];
}

export interface BenchUserCounts {
  /** Vehicle accounts of the larger Snapshot. */
  fleetAccounts: number;
  /** Devices the larger Snapshot's user signed in from (each remembered). */
  fleetDevices: number;
  /** People enrolled to sign in during the login comparison. */
  loginUsers: number;
}

/**
 * Imports the generated records as `npm run records:import` does, then enrolls, signs in and
 * fills the Snapshot of both customers through the gateway, as people would; enrolls the login
 * users and registers a device for each.
 */
export async function setUpBenchUsers(system: BenchSystem, client: HttpClient, counts: BenchUserCounts): Promise<BenchUsers> {
  const generated = benchRecords(counts.fleetAccounts, counts.loginUsers);
  await withDatabaseConnection(system.settings.databaseUrl!, (database) => writeRecords(database, generated.records, system.settings));
  const target = { client, gatewayUrl: system.gatewayUrl, outbox: system.outbox };
  const users: BenchUser[] = [];
  for (const [customer, devices] of [
    [generated.single, 1],
    [generated.fleet, counts.fleetDevices],
  ] as const) {
    const { accessToken } = await enrollAndSignIn(target, customer, devices);
    users.push({ username: customer.username, accessToken, vehicleAccounts: customer.accountNumbers.length, devices });
  }
  const [single, fleet] = users;
  const logins: LoginUser[] = [];
  // A few at a time: each is hashing-bound (a password and three answers, then a sign-in).
  for (let start = 0; start < generated.logins.length; start += 4) {
    const enrolled = await Promise.all(generated.logins.slice(start, start + 4).map((customer) => enrollAndSignIn(target, customer)));
    for (const [i, { deviceToken }] of enrolled.entries()) logins.push({ username: generated.logins[start + i].username, password: BENCH_PASSWORD, deviceToken });
  }

  const redis = createRedis(system.settings, "bench");
  try {
    const singleSession = await new SessionStore(redis, system.settings.redisKeyPrefix, sessionLifetimes(system.settings)).find(single.accessToken);
    if (!singleSession) throw new Error("the session just opened is not in Redis");
    return { single, fleet, singleSession, logins };
  } finally {
    await closeRedis(redis);
  }
}
