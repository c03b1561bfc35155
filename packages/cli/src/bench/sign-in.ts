import { contractOperation } from "../contract-operations";
import type { Outbox } from "../journeys/outbox";
import { enroll, expectResult, type RunOperation, type SignedIn, signInWithStepUp } from "../journeys/sign-in";
import { BENCH_PASSWORD, type BenchCustomer } from "./bench-records";
import { graphqlData, type HttpClient } from "./http-client";

/** Where set-up requests go: the gateway, with the outbox that step-up codes land in. */
export interface SetUpTarget {
  client: HttpClient;
  gatewayUrl: string;
  outbox: Outbox;
}

/** Contract operations through the gateway over the benchmark's own client. */
function operationsThrough(target: SetUpTarget): RunOperation {
  return async (operationName, variables, accessToken) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    const body = JSON.stringify({ query: contractOperation(operationName), operationName, variables });
    return graphqlData<Awaited<ReturnType<RunOperation>>>(await target.client.post(target.gatewayUrl, body, headers));
  };
}

/** What a benchmark user signs in with, once enrolled: the access token, and the deviceToken of its last remembered device. */
export interface EnrolledUser {
  accessToken: string;
  deviceToken: string;
}

/**
 * Enrolls with the customer's first Auto account (which puts it on the Snapshot), signs in through
 * step-up from `devices` devices, each remembered, and adds the other accounts.
 */
export async function enrollAndSignIn(target: SetUpTarget, customer: BenchCustomer, devices = 1): Promise<EnrolledUser> {
  const run = operationsThrough(target);
  const credentials = { username: customer.username, password: BENCH_PASSWORD };
  const [first, ...others] = customer.accountNumbers;
  expectResult("enroll", await enroll(run, customer.record, credentials, { accountType: "AUTO", accountNumber: first }), "EnrollmentSucceeded");
  // Remembered devices, so device-trust has rows to list on the Snapshot as well.
  let signedIn: SignedIn | undefined;
  for (let n = 1; n <= devices; n++) {
    signedIn = await signInWithStepUp(run, target.outbox, customer.record, credentials, { name: `Bench laptop ${n}`, platform: "WEB" });
  }
  const { accessToken, deviceToken } = signedIn!;
  if (!deviceToken) throw new Error(`${customer.username}'s device was not remembered`);

  for (const accountNumber of others) {
    expectResult("addVehicle", (await run("AddVehicle", { input: { accountNumber } }, accessToken)).addVehicle, "VehicleAdded");
  }
  return { accessToken, deviceToken };
}
