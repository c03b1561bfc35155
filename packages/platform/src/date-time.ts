import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

// ISO-8601 with a mandatory offset (Z or ±hh:mm); fractions of a second are optional.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === "string" && ISO_DATE_TIME.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError("DateTime must be an ISO-8601 date-time with offset, e.g. 2026-11-27T22:17:31.000Z.");
  }
  return date;
}

/**
 * The contract's `scalar DateTime`, shared by every subgraph: a JS Date inside, an ISO-8601
 * string in UTC with milliseconds on the wire (2026-11-27T22:17:31.000Z). type-graphql's own Date
 * scalar is named DateTimeISO, so the subgraphs map `Date` to this one with `scalarsMap`.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An ISO-8601 date-time with offset, e.g. 2026-11-27T22:17:31.000Z.",
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("DateTime must be a string.", { nodes: ast });
    return toDate(ast.value);
  },
});
