import { InternalClient, type Logger } from "@oa/platform";
import { customerWithoutLogin } from "@oa/identity";
import type { DataSource } from "typeorm";
import { contractOperation } from "./contract-operations";

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

// Enrolling hashes a password and calls vehicle-account: slower than an internal call on a busy embedded database.
const ENROLL_TIMEOUT_MS = 30_000;

/** Where to enroll: identity's GraphQL URL, called as the gateway would (each call signed for itself with its secret). */
export interface IdentityEndpoint {
  identityUrl: string;
  gatewaySecret: string;
}

export interface EnrollDemoLoginOptions {
  /** Where a call that fails logs why (e.g. identity's 401 to a wrong secret). */
  logger: Logger;
  /** A stop request: the enrollment gives up, rejecting with its reason. */
  signal?: AbortSignal;
}

/**
 * True when the demo login's customer is on file without a login: after the demo records were
 * loaded, or when a first start was stopped before it enrolled. Needs identity's schema migrated.
 */
export function demoLoginPending(database: DataSource): Promise<boolean> {
  return customerWithoutLogin(database, DEMO_LOGIN.customerId);
}

interface EnrollAnswer {
  enroll: { __typename: string; code?: string; message?: string };
}

/**
 * Enrolls DEMO_LOGIN directly at identity (which calls vehicle-account, so that must listen),
 * before the gateway takes requests, with the contract's SecurityQuestionCatalog and Enroll
 * operations. Resolves to null when done, else to why not; an aborted `signal` rejects instead.
 */
export async function enrollDemoLogin(identity: IdentityEndpoint, options: EnrollDemoLoginOptions): Promise<string | null> {
  const { logger, signal } = options;
  const client = new InternalClient({
    caller: "online-access",
    audience: "identity",
    url: identity.identityUrl,
    secret: identity.gatewaySecret,
    logger,
    timeoutMs: ENROLL_TIMEOUT_MS,
  });
  try {
    const { securityQuestionCatalog } = await client.request<{ securityQuestionCatalog: { id: string }[] }>(contractOperation("SecurityQuestionCatalog"), {}, null, signal);
    const questions = securityQuestionCatalog.slice(0, DEMO_LOGIN.answers.length);
    const input = {
      ...DEMO_LOGIN.enrollWith,
      username: DEMO_LOGIN.username,
      password: DEMO_LOGIN.password,
      securityAnswers: questions.map((question, index) => ({ questionId: question.id, answer: DEMO_LOGIN.answers[index] })),
    };
    const { enroll } = await client.request<EnrollAnswer>(contractOperation("Enroll"), { input }, null, signal);
    return enroll.__typename === "EnrollmentSucceeded" ? null : `${enroll.code ?? enroll.__typename}: ${enroll.message ?? ""}`.trim();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return error instanceof Error ? error.message : String(error);
  }
}
