import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

// The same hooks for every request: nothing is allocated per request.
const listener: GraphQLRequestListener<GatewayContext> = {
  async didResolveOperation({ operation, request }) {
    if (operation) return;
    const named = request.operationName ? `named "${request.operationName}" ` : "";
    throw new GraphQLError(`The document has no operation ${named}to run; name one of its operations.`, {
      extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
    });
  },
};

/**
 * An operationName the document does not contain is the client's mistake: 400 with a clear
 * message. Without this the gateway's executor throws it and the client would see a masked 500.
 */
export function unknownOperationPlugin(): ApolloServerPlugin<GatewayContext> {
  return { requestDidStart: async () => listener };
}
