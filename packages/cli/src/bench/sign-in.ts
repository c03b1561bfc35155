import { contractOperation } from "../contract-operations";
import type { Outbox } from "../journeys/outbox";
import { enroll, expectResult, type RunOperation, signInWithStepUp } from "../journeys/sign-in";
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
    return graphqlData<Record<string, any>>(await target.client.post(target.gatewayUrl, body, headers));
  };
}

/** Enrolls with the customer's first Auto account (which puts it on the Snapshot), signs in through step-up, adds the rest; returns the access token. */
export async function enrollAndSignIn(target: SetUpTarget, customer: BenchCustomer): Promise<string> {
  const run = operationsThrough(target);
  const credentials = { username: customer.username, password: BENCH_PASSWORD };
  const [first, ...others] = customer.accountNumbers;
  expectResult("enroll", await enroll(run, customer.record, credentials, { accountType: "AUTO", accountNumber: first }), "EnrollmentSucceeded");
  // A remembered device, so device-trust has a row to list on the Snapshot as well.
  const { accessToken } = await signInWithStepUp(run, target.outbox, customer.record, credentials, { name: "Bench laptop", platform: "WEB" });

  for (const accountNumber of others) {
    expectResult("addVehicle", (await run("AddVehicle", { input: { accountNumber } }, accessToken)).addVehicle, "VehicleAdded");
  }
  return accessToken;
}
