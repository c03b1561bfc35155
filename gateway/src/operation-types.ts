import { GraphQLError, type ValidationRule } from "graphql";

/**
 * Refuses an operation whose type the schema has no root for (a subscription here): graphql 16
 * does not check it, and the gateway would fail on it at execution with a 500.
 */
export const supportedOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (context.getSchema().getRootType(operation.operation)) return;
    context.reportError(new GraphQLError(`This API has no ${operation.operation} operations.`, { nodes: operation }));
  },
});
