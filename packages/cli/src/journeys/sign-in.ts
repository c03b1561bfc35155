import type { Outbox } from "./outbox";

/** Sends one contract operation (by name) through the gateway; resolves to the answer's data, throws on an error answer. */
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON; a journey reads the fields its operation selects
export type RunOperation = (operationName: string, variables: Record<string, unknown>, accessToken?: string) => Promise<Record<string, any>>;

/** A result-union member as the contract operations select it. */
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON, as above
export type OperationResult = { __typename: string; code?: string; message?: string } & Record<string, any>;

/** Who enrolls and signs in: the tax id on file, and where security codes go. */
export interface Person {
  taxId: string;
  mobilePhone: string | null;
  email: string | null;
}

export interface Credentials {
  username: string;
  password: string;
}

/** What a sign-in through step-up yields; the device fields only when it remembered the device. */
export interface SignedIn {
  accessToken: string;
  deviceToken: string | undefined;
  deviceId: string | undefined;
}

const ANSWER_WORDS = ["Rex", "Springfield", "Smith"];

/** Answers to the catalog's first three questions (three different ones). */
export function securityAnswers(catalog: { id: string }[], words = ANSWER_WORDS): { questionId: string; answer: string }[] {
  return catalog.slice(0, 3).map((question, i) => ({ questionId: question.id, answer: words[i] }));
}

/** `result` when it is a `typename`; otherwise throws with the code and message it came with. */
export function expectResult(operation: string, result: OperationResult, typename: string): OperationResult {
  if (result.__typename !== typename) throw new Error(`${operation} answered ${result.code ?? result.__typename}${result.message ? `: ${result.message}` : ""}, not ${typename}`);
  return result;
}

/**
 * Enrolls `person` with the account fields given (`accountType` and an account number or VIN);
 * resolves to the enroll result, whichever member it is.
 */
export async function enroll(run: RunOperation, person: Person, credentials: Credentials, account: Record<string, string>): Promise<OperationResult> {
  const { securityQuestionCatalog } = await run("SecurityQuestionCatalog", {});
  const { enroll: result } = await run("Enroll", {
    input: { taxId: person.taxId, username: credentials.username, password: credentials.password, securityAnswers: securityAnswers(securityQuestionCatalog), ...account },
  });
  return result;
}

/**
 * Signs in from a device never seen: the password, then the step-up with the code sent by SMS
 * (by email when there is no phone), read from the outbox; optionally remembers the device.
 */
export async function signInWithStepUp(
  run: RunOperation,
  outbox: Outbox,
  person: Person,
  credentials: Credentials,
  rememberDevice?: { name: string; platform: string },
): Promise<SignedIn> {
  const login = expectResult("login", (await run("Login", { input: { username: credentials.username, password: credentials.password } })).login, "StepUpRequired");
  const challengeId = login.challenge.id as string;
  const method = person.mobilePhone ? "SMS_CODE" : "EMAIL_CODE";
  expectResult("sendSecurityCode", (await run("SendSecurityCode", { input: { challengeId, method } })).sendSecurityCode, "SecurityCodeSent");
  const to = person.mobilePhone ?? person.email;
  if (!to) throw new Error(`${credentials.username} has neither a phone nor an email to get a code at`);
  const code = outbox.latestCode(to);
  const verified = expectResult("verifyStepUp", (await run("VerifyStepUp", { input: { challengeId, code, rememberDevice } })).verifyStepUp, "StepUpSucceeded");
  return {
    accessToken: verified.session.accessToken as string,
    deviceToken: verified.registeredDevice?.deviceToken as string | undefined,
    deviceId: verified.registeredDevice?.device.id as string | undefined,
  };
}
