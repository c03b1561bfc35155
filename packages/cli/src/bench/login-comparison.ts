import { contractOperation } from "../contract-operations";
import type { Argon2Bound } from "./argon2-bound";
import type { LoginUser } from "./bench-users";
import { graphqlData, type HttpAnswer, HttpClient } from "./http-client";
import type { Workload } from "./load";
import { httpTarget, measureTargets, type TargetPlan, type TargetStats } from "./targets";

/** The logins measured against argon2id alone, at the same concurrency, in the same run. */
export interface LoginResults {
  concurrency: number;
  /** Right password with the deviceToken of the person's registered device: LoginSucceeded. */
  registered: TargetStats;
  /** Right password from a device never seen: StepUpRequired. */
  unregistered: TargetStats;
  bound: TargetStats;
}

const LOGIN = contractOperation("Login");

/** The contract's Login, each request another of `users` in turn (one person's parallel tries would wait for each other). */
export function loginWorkload(gatewayUrl: string, users: LoginUser[], withDevice: boolean): Workload {
  let next = 0;
  const expected = withDevice ? "LoginSucceeded" : "StepUpRequired";
  const bodies = users.map(({ username, password, deviceToken }) =>
    JSON.stringify({ query: LOGIN, operationName: "Login", variables: { input: withDevice ? { username, password, deviceToken } : { username, password } } }),
  );
  const headers = { "content-type": "application/json" };
  return {
    url: gatewayUrl,
    body: () => bodies[next++ % bodies.length],
    headers: () => headers,
    check(answer: HttpAnswer) {
      const { login } = graphqlData<{ login: { __typename: string; code?: string } }>(answer);
      if (login.__typename !== expected) throw new Error(`Login answered ${login.code ?? login.__typename}, not ${expected}`);
    },
  };
}

/**
 * Logins through the gateway (right password, from a registered device and from an unregistered
 * one) against argon2id verifications alone with identity's parameters, all at `concurrency`,
 * alternating. `pids`: the processes a login runs in (gateway and subgraphs), for CPU per login.
 */
export async function measureLogins(gatewayUrl: string, pids: number[], users: LoginUser[], bound: Argon2Bound, plan: TargetPlan, concurrency: number): Promise<LoginResults> {
  const client = new HttpClient(concurrency);
  try {
    const [registered, unregistered, boundStats] = await measureTargets(
      [
        httpTarget("registered device", client, loginWorkload(gatewayUrl, users, true), pids),
        httpTarget("unregistered device", client, loginWorkload(gatewayUrl, users, false), pids),
        bound.target,
      ],
      plan,
      concurrency,
    );
    return { concurrency, registered, unregistered, bound: boundStats };
  } finally {
    client.close();
  }
}
