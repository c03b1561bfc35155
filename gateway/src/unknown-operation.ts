import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

/**
 * An operationName the document does not contain is the client's mistake: 400 with a clear
 * message. Without this the gateway's executor throws it and the client would see a masked 500.
 */
export function unknownOperationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const named = request.operationName ? `named "${request.operationName}" ` : "";
          throw new GraphQLError(`The document has no operation ${named}to run; name one of its operations.`, {
            extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
          });
        },
      };
    },
  };
}
