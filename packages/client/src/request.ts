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
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions,
): Promise<TResult> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  const send = options.fetch ?? fetch;
  const response = await send(options.url, {
    method: "POST",
    headers,
    credentials: options.credentials,
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json().catch(() => null)) as { data?: TResult | null; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  if (!body || body.errors?.length || body.data == null) {
    const errors = body?.errors ?? [];
    throw new GraphQLRequestError(errors[0]?.message ?? `The gateway answered ${response.status}.`, response.status, errors);
  }
  return body.data;
}
