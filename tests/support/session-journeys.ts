// Sign-ins as the apps (BEARER, with refresh tokens) and web pages (COOKIE) do them, through the
// real gateway, and requests that carry the session cookie.
import { contractOperation } from "../../packages/cli/src/contract-operations";
import type { Person } from "../../packages/cli/src/journeys/sign-in";
import { GOOD_PASSWORD } from "./fixtures";
import type { GraphQLResponse, TestSystem } from "./system";

// The contract's operations/security.graphql, for a project copy that does not have it yet.
const REFRESHED_SESSION = "fragment RefreshedSessionFields on Session { accessToken expiresAt refreshToken }";
const CHALLENGE = "fragment RecoveryChallengeFields on StepUpChallenge { id expiresAt methods { method destination } questions { id text } }";
const SECURITY_OPERATIONS: Record<string, string> = {
  SecurityActivity: `query SecurityActivity($first: Int) {
    me { id sessions { id delivery startedAt lastSeenAt expiresAt current device { id name platform } } securityEvents(first: $first) { id kind at deviceName clientAddress } }
  }`,
  EndSession: `mutation EndSession($id: ID!) { endSession(id: $id) { __typename ... on SessionEnded { id } ... on SessionNotFound { id } } }`,
  LogoutEverywhere: `mutation LogoutEverywhere { logoutEverywhere { loggedOut endedSessions } }`,
  RefreshSession: `mutation RefreshSession($input: RefreshSessionInput!) {
    refreshSession(input: $input) { __typename ... on SessionRefreshed { session { ...RefreshedSessionFields } } ... on RefreshRejected { code message } }
  } ${REFRESHED_SESSION}`,
  LoginOnApp: `mutation LoginOnApp($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginSucceeded { session { ...RefreshedSessionFields } }
      ... on StepUpRequired { challenge { ...RecoveryChallengeFields } }
      ... on LoginRejected { code message retryAfterSeconds }
    }
  } ${REFRESHED_SESSION} ${CHALLENGE}`,
  VerifyStepUpOnApp: `mutation VerifyStepUpOnApp($input: VerifyStepUpInput!) {
    verifyStepUp(input: $input) {
      __typename
      ... on StepUpSucceeded {
        session { ...RefreshedSessionFields }
        registeredDevice { deviceToken device { id name platform registeredAt lastUsedAt current } }
      }
      ... on StepUpRejected { code message attemptsRemaining }
    }
  } ${REFRESHED_SESSION}`,
};

/** A contract operation's document: the project's copy when it has it, else the contract's text above. */
export function operation(name: string): string {
  try {
    return contractOperation(name);
  } catch {
    const text = SECURITY_OPERATIONS[name];
    if (!text) throw new Error(`no operation ${name}`);
    return text;
  }
}

/** Sends a contract operation (from either source) through the gateway as a bearer client. */
export function runOperation<T = Record<string, any>>(
  system: TestSystem,
  name: string,
  variables: Record<string, unknown> = {},
  accessToken?: string,
): Promise<GraphQLResponse<T>> {
  return system.post<T>({ query: operation(name), operationName: name, variables }, accessToken);
}

/** What an app keeps after signing in on a device it registered. */
export interface AppSession {
  accessToken: string;
  refreshToken: string | null;
  deviceToken: string;
  deviceId: string;
}

/** Signs in as an app does on a new device: password, a code from the outbox, the device registered (BEARER). */
export async function appSignIn(system: TestSystem, person: Person, username: string, deviceName: string): Promise<AppSession> {
  const challengeId = await stepUpChallenge(system, username);
  const code = await sendCode(system, person, challengeId);
  const { body } = await runOperation(system, "VerifyStepUpOnApp", { input: { challengeId, code, rememberDevice: { name: deviceName, platform: "IOS" } } });
  const verified = body.data?.verifyStepUp;
  if (verified?.__typename !== "StepUpSucceeded") throw new Error(`verifyStepUp answered ${JSON.stringify(body)}`);
  return {
    accessToken: verified.session.accessToken,
    refreshToken: verified.session.refreshToken,
    deviceToken: verified.registeredDevice.deviceToken,
    deviceId: verified.registeredDevice.device.id,
  };
}

/** Opens a challenge with the right password from an unregistered device. */
export async function stepUpChallenge(system: TestSystem, username: string, password = GOOD_PASSWORD): Promise<string> {
  const { body } = await system.run("Login", { input: { username, password } });
  if (body.data?.login.__typename !== "StepUpRequired") throw new Error(`login answered ${JSON.stringify(body)}`);
  return body.data.login.challenge.id as string;
}

/** Sends a code by SMS (or email) for the challenge and reads it from the outbox. */
export async function sendCode(system: TestSystem, person: Person, challengeId: string): Promise<string> {
  const method = person.mobilePhone ? "SMS_CODE" : "EMAIL_CODE";
  const { body } = await system.run("SendSecurityCode", { input: { challengeId, method } });
  if (body.data?.sendSecurityCode.__typename !== "SecurityCodeSent") throw new Error(`sendSecurityCode answered ${JSON.stringify(body)}`);
  return system.outbox.latestCode((person.mobilePhone ?? person.email)!);
}

/** A browser's cookies for the gateway: what Set-Cookie set, sent back in a Cookie header. */
export class CookieJar {
  readonly values = new Map<string, string>();
  /** Every Set-Cookie header received, in order. */
  readonly received: string[] = [];

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.received.push(line);
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const maxAge = attributes.map((attribute) => /^\s*max-age=(\d+)/i.exec(attribute)?.[1]).find((found) => found !== undefined);
      if (value === "" || maxAge === "0") this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface CookieAnswer<T = Record<string, any>> {
  status: number;
  body: GraphQLResponse<T>["body"];
  text: string;
  response: Response;
}

/**
 * POSTs as a web page's script does: JSON, with the jar's cookies (and whatever extra headers),
 * keeping what the answer sets in the jar.
 */
export async function cookiePost<T = Record<string, any>>(system: TestSystem, jar: CookieJar, body: unknown, headers: Record<string, string> = {}): Promise<CookieAnswer<T>> {
  const response = await fetch(system.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(jar.values.size > 0 ? { cookie: jar.header() } : {}), ...headers },
    body: JSON.stringify(body),
  });
  jar.take(response);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as GraphQLResponse<T>["body"], text, response };
}

/** Sends a contract operation with the jar's cookies. */
export function cookieRun<T = Record<string, any>>(
  system: TestSystem,
  jar: CookieJar,
  name: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return cookiePost<T>(system, jar, { query: operation(name), operationName: name, variables }, headers);
}

/** Signs in as a web page does: COOKIE delivery, step-up with a code, optionally remembering the device in its cookie. */
export async function cookieSignIn(
  system: TestSystem,
  person: Person,
  username: string,
  rememberDevice?: { name: string; platform: string },
): Promise<{ jar: CookieJar; answer: CookieAnswer }> {
  const jar = new CookieJar();
  const login = await cookieRun(system, jar, "Login", { input: { username, password: GOOD_PASSWORD, sessionDelivery: "COOKIE" } });
  if (login.body.data?.login.__typename !== "StepUpRequired") throw new Error(`login answered ${login.text}`);
  const challengeId = login.body.data.login.challenge.id as string;
  const code = await sendCode(system, person, challengeId);
  const answer = await cookieRun(system, jar, "VerifyStepUp", { input: { challengeId, code, rememberDevice, sessionDelivery: "COOKIE" } });
  if (answer.body.data?.verifyStepUp.__typename !== "StepUpSucceeded") throw new Error(`verifyStepUp answered ${answer.text}`);
  return { jar, answer };
}

/** `me { id }` as a bearer client: the user's id, or null without a live session. */
export async function meOf(system: TestSystem, accessToken: string): Promise<string | null> {
  const { body } = await system.post<{ me: { id: string } | null }>({ query: "{ me { id } }" }, accessToken);
  return body.data?.me?.id ?? null;
}

/** `me { id }` with the jar's cookies. */
export async function cookieMeOf(system: TestSystem, jar: CookieJar, headers: Record<string, string> = {}): Promise<string | null> {
  const { body } = await cookiePost<{ me: { id: string } | null }>(system, jar, { query: "{ me { id } }" }, headers);
  return body.data?.me?.id ?? null;
}
