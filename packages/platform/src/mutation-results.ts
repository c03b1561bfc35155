import { defaultFieldResolver, getNamedType, type GraphQLField, type GraphQLOutputType, type GraphQLResolveInfo, type GraphQLSchema, isAbstractType, isObjectType } from "graphql";
import { currentMetrics } from "./request-scope";

// A rejection's code is an enum value; anything else named `code` is never a label.
const REJECTION_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const counted = new WeakSet<GraphQLField<unknown, unknown>>();

/**
 * Counts what each root mutation of `schema` answered (ServiceMetrics.mutationAnswered): the
 * result's type, and its rejection code when it has one ("LoginRejected:ACCOUNT_LOCKED"). Only
 * the root Mutation fields are wrapped, so queries and nested fields cost nothing. Idempotent.
 */
export function countMutationResults(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    if (counted.has(field)) continue;
    counted.add(field);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      let value: unknown;
      try {
        value = await resolve(source, args, context, info);
      } catch (error) {
        currentMetrics()?.mutationAnswered(field.name, "error");
        throw error;
      }
      const metrics = currentMetrics();
      if (metrics) metrics.mutationAnswered(field.name, await resultOf(field.type, value, context, info));
      return value;
    };
  }
  return schema;
}

/** "Type" or "Type:CODE" for an object or union result; "ok" for a scalar; "null" for none. */
async function resultOf(type: GraphQLOutputType, value: unknown, context: unknown, info: GraphQLResolveInfo): Promise<string> {
  if (value === null || value === undefined) return "null";
  const named = getNamedType(type);
  let typeName: string | undefined;
  if (isAbstractType(named)) {
    const resolved = await named.resolveType?.(value, context, info, named);
    typeName = typeof resolved === "string" ? resolved : ((value as { __typename?: string }).__typename ?? "unknown");
  } else if (isObjectType(named)) {
    typeName = named.name;
  } else {
    return "ok";
  }
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && REJECTION_CODE.test(code) ? `${typeName}:${code}` : typeName;
}
