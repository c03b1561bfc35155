import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "./context";

const NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";

/**
 * Clients send full documents: the gateway keeps no persisted queries (`persistedQueries: false`).
 * Apollo then answers a request with a persistedQuery extension with PERSISTED_QUERY_NOT_SUPPORTED
 * and HTTP 200 (so that APQ clients retry with the document); this makes it a 400 with a message
 * that says what to do instead.
 */
export function persistedQueriesNotSupportedPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors;
          if (!errors?.some((error) => error.extensions?.code === NOT_SUPPORTED)) return;
          response.http.status = 400;
          response.body.singleResult.errors = errors.map((error) =>
            error.extensions?.code === NOT_SUPPORTED
              ? { ...error, message: "Persisted queries are not supported: send the full document in `query`, without a persistedQuery extension." }
              : error,
          );
        },
      };
    },
  };
}
