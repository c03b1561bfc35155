import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import type { GatewayContext } from "./context";
import { NOT_FOUND } from "./trusted-documents/document-gate";

const NOT_FOUND_MESSAGE = "No trusted document has this hash: send the document's full text in `query`, with or without the hash.";

// The same hooks for every request: nothing is allocated per request.
const listener: GraphQLRequestListener<GatewayContext> = {
  async willSendResponse({ response }) {
    if (response.body.kind !== "single") return;
    const errors = response.body.singleResult.errors;
    if (!errors?.some((error) => error.extensions?.code === NOT_FOUND)) return;
    response.http.status = 400;
    response.body.singleResult.errors = errors.map((error) => (error.extensions?.code === NOT_FOUND ? { ...error, message: NOT_FOUND_MESSAGE } : error));
  },
};

/**
 * Persisted queries are the trusted documents (schema/trusted-documents.json), looked up by hash
 * and never registered. For a hash it does not know, Apollo answers PERSISTED_QUERY_NOT_FOUND with
 * HTTP 200 and a bare message; this makes it a 400 (as with TRUSTED_DOCUMENTS_ONLY) that says what
 * to do. Clients of the persisted-query protocol then send the text, which runs where any document
 * may (TRUSTED_DOCUMENTS_ONLY=false).
 */
export function persistedQueryNotFoundPlugin(): ApolloServerPlugin<GatewayContext> {
  return { requestDidStart: async () => listener };
}
