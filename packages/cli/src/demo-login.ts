/**
 * A ready login for the embedded demo database: enrolled on first start through the gateway,
 * exactly as a person would (the records file format has no logins). Dev-only credentials,
 * documented in packages/cli/data/README.md; never created on a database named by DATABASE_URL.
 */
export const DEMO_LOGIN = {
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

async function post<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await response.json()) as GraphQLAnswer<T>;
  if (!answer.data) throw new Error(answer.errors?.[0]?.message ?? `the gateway answered ${response.status}`);
  return answer.data;
}

/** Enrolls DEMO_LOGIN through the gateway; resolves to null when done, else to why not. */
export async function enrollDemoLogin(gatewayUrl: string): Promise<string | null> {
  try {
    const { securityQuestionCatalog } = await post<{ securityQuestionCatalog: { id: string }[] }>(gatewayUrl, CATALOG);
    const questions = securityQuestionCatalog.slice(0, DEMO_LOGIN.answers.length);
    const { enroll } = await post<{ enroll: { __typename: string; code?: string; message?: string } }>(gatewayUrl, ENROLL, {
      input: {
        ...DEMO_LOGIN.enrollWith,
        username: DEMO_LOGIN.username,
        password: DEMO_LOGIN.password,
        securityAnswers: questions.map((question, index) => ({ questionId: question.id, answer: DEMO_LOGIN.answers[index] })),
      },
    });
    return enroll.__typename === "EnrollmentSucceeded" ? null : `${enroll.code ?? enroll.__typename}: ${enroll.message ?? ""}`.trim();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
