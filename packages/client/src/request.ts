import type { TypedDocumentString } from "./generated/graphql.js";

export interface RequestOptions {
  /** The gateway's GraphQL endpoint, e.g. https://online.example.com/graphql. */
  url: string;
  /** An app's access token, sent as `Authorization: Bearer`; a web page sends none (its session is an HttpOnly cookie). */
  accessToken?: string;
  /** "include" for a web page on another origin listed in WEB_ORIGINS; by default the browser's "same-origin". */
  credentials?: "omit" | "same-origin" | "include";
  /** Another fetch (tests, or a runtime without a global one). */
  fetch?: typeof fetch;
  /**
   * Send the document's SHA-256 instead of its text (`extensions.persistedQuery`), as a gateway
   * that runs only its trusted documents expects them; should it not know the hash, the text is
   * sent with it (the persisted-query protocol). By default the text is sent, which such a gateway
   * runs too when it is one of its trusted documents.
   */
  sendHash?: boolean;
}

type Answer<TResult> = { data?: TResult | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;

const hashes = new Map<string, string>();

/** The lowercase hex SHA-256 of a document's text, the id the gateway's trusted documents list it by. */
export async function documentHash(text: string): Promise<string> {
  const known = hashes.get(text);
  if (known) return known;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  const hash = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  hashes.set(text, hash);
  return hash;
}

/** An answer without data: the GraphQL errors (with their extensions.code) or the HTTP status. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: { message: string; extensions?: { code?: string } }[],
  ) {
    super(message);
  }

  /** The first error's extensions.code (UNAUTHENTICATED, BAD_USER_INPUT, SERVICE_UNAVAILABLE, ...). */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/**
 * Sends one typed document as JSON (a request no other site can make a browser send with its
 * cookies) and answers its data, typed by the document; throws GraphQLRequestError when the
 * answer carries errors or no data.
 */
export async function request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, options: RequestOptions): Promise<TResult> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  const send = options.fetch ?? fetch;
  const post = async (payload: object) => {
    const response = await send(options.url, { method: "POST", headers, credentials: options.credentials, body: JSON.stringify(payload) });
    return { response, body: (await response.json().catch(() => null)) as Answer<TResult> };
  };
  const query = document.toString();
  let answer: Awaited<ReturnType<typeof post>>;
  if (options.sendHash) {
    const extensions = { persistedQuery: { version: 1, sha256Hash: await documentHash(query) } };
    answer = await post({ variables, extensions });
    if (answer.body?.errors?.[0]?.extensions?.code === "PERSISTED_QUERY_NOT_FOUND") answer = await post({ query, variables, extensions });
  } else {
    answer = await post({ query, variables });
  }
  const { response, body } = answer;
  if (!body || body.errors?.length || body.data == null) {
    const errors = body?.errors ?? [];
    throw new GraphQLRequestError(errors[0]?.message ?? `The gateway answered ${response.status}.`, response.status, errors);
  }
  return body.data;
}
