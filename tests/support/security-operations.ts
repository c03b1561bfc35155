// The contract's recovery and credential-change operations (operations/security.graphql), as
// web and mobile send them, until the project's copy of the contract has them (then
// `system.run` sends them by name). CompleteRecovery aliases CredentialChangeRejected.code as
// credentialCode, since StepUpRejected.code is another enum.
import type { GraphQLResponse, TestSystem } from "./system";

const RECOVERY_CHALLENGE_FIELDS = `fragment RecoveryChallengeFields on StepUpChallenge {
  id
  expiresAt
  methods { method destination }
  questions { id text }
}`;

export const SECURITY_OPERATIONS = {
  StartRecovery: `mutation StartRecovery($input: StartRecoveryInput!) {
  startRecovery(input: $input) {
    __typename
    ... on RecoveryStarted { challenge { ...RecoveryChallengeFields } }
    ... on RecoveryRejected { code message retryAfterSeconds }
  }
}
${RECOVERY_CHALLENGE_FIELDS}`,
  CompleteRecovery: `mutation CompleteRecovery($input: CompleteRecoveryInput!) {
  completeRecovery(input: $input) {
    __typename
    ... on RecoveryCompleted { username passwordChanged }
    ... on StepUpRejected { code message attemptsRemaining }
    ... on CredentialChangeRejected { credentialCode: code message retryAfterSeconds }
  }
}`,
  ChangePassword: `mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    __typename
    ... on PasswordChanged { endedSessions }
    ... on CredentialChangeRejected { code message retryAfterSeconds }
  }
}`,
  ChangeSecurityAnswers: `mutation ChangeSecurityAnswers($input: ChangeSecurityAnswersInput!) {
  changeSecurityAnswers(input: $input) {
    __typename
    ... on SecurityAnswersChanged { changed }
    ... on CredentialChangeRejected { code message retryAfterSeconds }
  }
}`,
} as const;

export type SecurityOperation = keyof typeof SECURITY_OPERATIONS;

/** Sends one of the operations above through the gateway. */
export function sendSecurityOperation<T = Record<string, any>>(
  system: TestSystem,
  operationName: SecurityOperation,
  variables: Record<string, unknown>,
  accessToken?: string,
): Promise<GraphQLResponse<T>> {
  return system.post<T>({ query: SECURITY_OPERATIONS[operationName], operationName, variables }, accessToken);
}

/** The result member of one of them (the one root field's value); throws on an error answer. */
export async function securityResult(system: TestSystem, operationName: SecurityOperation, variables: Record<string, unknown>, accessToken?: string): Promise<Record<string, any>> {
  const { status, body } = await sendSecurityOperation(system, operationName, variables, accessToken);
  if (status !== 200 || body.errors || !body.data) throw new Error(`${operationName} answered ${status}: ${JSON.stringify(body.errors ?? body)}`);
  return Object.values(body.data)[0] as Record<string, any>;
}

/** Waits (a few seconds at most) until `found` holds: notices and failed sign-ins are written in the background. */
export async function eventually<T>(read: () => T | Promise<T>, found: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (found(value) || Date.now() > giveUpAt) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
