import { BENCH_PASSWORD, type BenchCustomer } from "./bench-records";
import { contractOperation } from "../contract-operations";
import { graphqlData, type HttpClient } from "./http-client";
import { latestCode } from "./outbox";

/** Where set-up requests go: the gateway, with the outbox that step-up codes land in. */
export interface SetUpTarget {
  client: HttpClient;
  gatewayUrl: string;
  outboxFile: string;
}

type Answer = { __typename: string; code?: string; message?: string } & Record<string, any>;

async function run<T = Record<string, Answer>>(target: SetUpTarget, operationName: string, variables: Record<string, unknown>, accessToken?: string): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const body = JSON.stringify({ query: contractOperation(operationName), operationName, variables });
  return graphqlData<T>(await target.client.post(target.gatewayUrl, body, headers));
}

function expectResult(operation: string, answer: Answer, typename: string): Answer {
  if (answer.__typename !== typename) throw new Error(`${operation} answered ${answer.code ?? answer.__typename}: ${answer.message ?? ""}`);
  return answer;
}

/** Enrolls with the customer's first Auto account (which puts it on the Snapshot), signs in through step-up, adds the rest; returns the access token. */
export async function enrollAndSignIn(target: SetUpTarget, customer: BenchCustomer): Promise<string> {
  const { securityQuestionCatalog } = await run<{ securityQuestionCatalog: { id: string }[] }>(target, "SecurityQuestionCatalog", {});
  const securityAnswers = securityQuestionCatalog.slice(0, 3).map((question, i) => ({ questionId: question.id, answer: ["Rex", "Springfield", "Smith"][i] }));
  const [first, ...others] = customer.accountNumbers;
  const enrolled = await run(target, "Enroll", {
    input: { accountType: "AUTO", taxId: customer.record.taxId, accountNumber: first, username: customer.username, password: BENCH_PASSWORD, securityAnswers },
  });
  expectResult("enroll", enrolled.enroll, "EnrollmentSucceeded");

  const login = expectResult("login", (await run(target, "Login", { input: { username: customer.username, password: BENCH_PASSWORD } })).login, "StepUpRequired");
  const challengeId = login.challenge.id as string;
  expectResult("sendSecurityCode", (await run(target, "SendSecurityCode", { input: { challengeId, method: "SMS_CODE" } })).sendSecurityCode, "SecurityCodeSent");
  const code = latestCode(target.outboxFile, customer.record.mobilePhone!);
  // A remembered device, so device-trust has a row to list on the Snapshot as well.
  const rememberDevice = { name: "Bench laptop", platform: "WEB" };
  const verified = expectResult("verifyStepUp", (await run(target, "VerifyStepUp", { input: { challengeId, code, rememberDevice } })).verifyStepUp, "StepUpSucceeded");
  const accessToken = verified.session.accessToken as string;

  for (const accountNumber of others) {
    expectResult("addVehicle", (await run(target, "AddVehicle", { input: { accountNumber } }, accessToken)).addVehicle, "VehicleAdded");
  }
  return accessToken;
}
