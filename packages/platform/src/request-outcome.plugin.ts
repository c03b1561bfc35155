import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from "@apollo/server";
import { currentRequest } from "./request-scope";

// The same hooks for every request: nothing is allocated per request.
const listener: GraphQLRequestListener<BaseContext> = {
  async willSendResponse({ request, operationName, response }) {
    const scope = currentRequest();
    if (!scope) return;
    const operation = operationName ?? request.operationName ?? undefined;
    const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
    const code = errors?.[0]?.extensions?.code;
    scope.operation = operation;
    scope.outcome = errors && errors.length > 0 ? (typeof code === "string" ? code : "ERROR") : "ok";
    if (scope.span && operation) scope.span.setAttribute("graphql.operation.name", operation);
  },
};

/**
 * Tells the request's scope which operation it ran and how it ended (ok, or the first error's
 * code, after masking), for the request metrics and the request's span. One hook per request.
 */
export function requestOutcomePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return { requestDidStart: async () => listener as GraphQLRequestListener<TContext> };
}
