import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, visit } from "graphql";
import type { GatewayContext } from "./context";

/**
 * Refuses text with a NUL character anywhere in the variables or the document's string values:
 * no field takes one, and PostgreSQL cannot store one, so it would only surface later as a fault.
 */
export function nulCharactersPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let found = containsNul(request.variables);
          if (!found) {
            visit(document, {
              [Kind.STRING]: (node) => {
                if (node.value.includes("\u0000")) found = true;
              },
            });
          }
          if (found) {
            throw new GraphQLError("Text may not contain NUL characters.", {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, inner]) => key.includes("\u0000") || containsNul(inner));
  return false;
}
