/** A GraphQL answer's body, parsed. */
export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The answer's data; throws with the first error's code and message (or the missing data) otherwise. */
export function answerData<T>(status: number, body: GraphQLBody<T>): T {
  const error = body.errors?.[0];
  if (status !== 200 || error || body.data === undefined || body.data === null) {
    throw new Error(`answer ${status}: ${error ? `${error.extensions?.code ?? "ERROR"} ${error.message}` : "no data"}`);
  }
  return body.data;
}
