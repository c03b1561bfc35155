import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { type DocumentNode, GraphQLError, Kind, visit } from "graphql";
import type { GatewayContext } from "./context";

// Apollo keeps each parsed document and hands the same object to every request that sends it:
// its string values are looked through once.
const documentsWithoutNul = new WeakSet<DocumentNode>();

function documentHasNul(document: DocumentNode): boolean {
  if (documentsWithoutNul.has(document)) return false;
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes("\u0000")) found = true;
    },
  });
  if (!found) documentsWithoutNul.add(document);
  return found;
}

// The same hooks for every request: nothing is allocated per request.
const listener: GraphQLRequestListener<GatewayContext> = {
  async didResolveOperation({ request, document }) {
    if (containsNul(request.variables) || documentHasNul(document)) {
      throw new GraphQLError("Text may not contain NUL characters.", {
        extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
      });
    }
  },
};

/**
 * Refuses text with a NUL character anywhere in the variables or the document's string values:
 * no field takes one, and PostgreSQL cannot store one, so it would only surface later as a fault.
 */
export function nulCharactersPlugin(): ApolloServerPlugin<GatewayContext> {
  return { requestDidStart: async () => listener };
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, inner]) => key.includes("\u0000") || containsNul(inner));
  return false;
}
