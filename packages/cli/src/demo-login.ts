import { GATEWAY_CREDENTIAL_HEADER, signGatewayCredential } from "@oa/platform";
import { IDENTITY_SCHEMA } from "@oa/identity";
import { DataSource } from "typeorm";

/**
 * A ready login for the embedded demo database: enrolled on first start (or the next one, if the
 * first was stopped before) with identity's own Enroll operation, exactly as a person would (the
 * records file format has no logins). Dev-only credentials, documented in
 * packages/cli/data/README.md; never created on a database named by DATABASE_URL.
 */
export const DEMO_LOGIN = {
  /** Avery Ellison in the demo records. */
  customerId: "C-100001",
  username: "avery.demo",
  password: "Harbor-Lantern-Maple-72",
  /** Avery Ellison's Auto account: it starts on the Snapshot. */
  enrollWith: { accountType: "AUTO", taxId: "900-20-0001", vin: "4T1G11AK5NU200101" },
  /** Answers to the catalog's first three questions, in order. */
  answers: ["Biscuit", "Dearborn", "Lakeside"],
} as const;

const CATALOG = "query SecurityQuestionCatalog { securityQuestionCatalog { id } }";
const ENROLL = `mutation Enroll($input: EnrollInput!) {
  enroll(input: $input) {
    __typename
    ... on EnrollmentSucceeded { username }
    ... on EnrollmentRejected { code message }
  }
}`;

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string }[];
}

/** Where to enroll: identity's GraphQL URL, called as the gateway would (signed with its secret). */
export interface IdentityEndpoint {
  identityUrl: string;
  gatewaySecret: string;
}

async function post<T>(identity: IdentityEndpoint, query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  const timeout = AbortSignal.timeout(30_000);
  const response = await fetch(identity.identityUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [GATEWAY_CREDENTIAL_HEADER]: signGatewayCredential(identity.gatewaySecret, { caller: "online-access", session: null, clientIp: null }),
    },
    body: JSON.stringify({ query, variables }),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  const answer = (await response.json()) as GraphQLAnswer<T>;
  if (!answer.data) throw new Error(answer.errors?.[0]?.message ?? `identity answered ${response.status}`);
  return answer.data;
}

/**
 * True when the demo login's customer is on file without a login: after the demo records were
 * loaded, or when a first start was stopped before it enrolled. Needs identity's schema migrated.
 */
export async function demoLoginPending(databaseUrl: string): Promise<boolean> {
  const dataSource = new DataSource({ type: "postgres", url: databaseUrl, extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM "${IDENTITY_SCHEMA}".customers c
        WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM "${IDENTITY_SCHEMA}".users u WHERE u.customer_id = c.id)`,
      [DEMO_LOGIN.customerId],
    );
    return rows.length > 0;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Enrolls DEMO_LOGIN directly at identity (which calls vehicle-account, so that must listen),
 * before the gateway takes requests. Resolves to null when done, else to why not; an aborted
 * `signal` (a stop request) rejects instead.
 */
export async function enrollDemoLogin(identity: IdentityEndpoint, signal?: AbortSignal): Promise<string | null> {
  try {
    const { securityQuestionCatalog } = await post<{ securityQuestionCatalog: { id: string }[] }>(identity, CATALOG, {}, signal);
    const questions = securityQuestionCatalog.slice(0, DEMO_LOGIN.answers.length);
    const { enroll } = await post<{ enroll: { __typename: string; code?: string; message?: string } }>(identity, ENROLL, {
      input: {
        ...DEMO_LOGIN.enrollWith,
        username: DEMO_LOGIN.username,
        password: DEMO_LOGIN.password,
        securityAnswers: questions.map((question, index) => ({ questionId: question.id, answer: DEMO_LOGIN.answers[index] })),
      },
    }, signal);
    return enroll.__typename === "EnrollmentSucceeded" ? null : `${enroll.code ?? enroll.__typename}: ${enroll.message ?? ""}`.trim();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return error instanceof Error ? error.message : String(error);
  }
}
