import { getOperationAST, Kind, type OperationTypeNode, parse } from "graphql";

/** What one operation of a document does: its type and the names of its root fields (null for a fragment spread at the root). */
export interface OperationShape {
  type: OperationTypeNode;
  rootFields: (string | null)[];
}

// Services send the same few documents over and over: parse each once.
const MAX_CACHED = 1_000;
const shapes = new Map<string, OperationShape | null>();

/** The shape of the operation `operationName` selects in `query`; null when it does not parse or names no single operation. */
export function operationShape(query: string, operationName?: string | null): OperationShape | null {
  const key = `${operationName ?? ""}\u0000${query}`;
  const cached = shapes.get(key);
  if (cached !== undefined) return cached;
  const shape = shapeOf(query, operationName ?? null);
  if (shapes.size >= MAX_CACHED) shapes.delete(shapes.keys().next().value!);
  shapes.set(key, shape);
  return shape;
}

function shapeOf(query: string, operationName: string | null): OperationShape | null {
  try {
    const operation = getOperationAST(parse(query, { noLocation: true }), operationName);
    if (!operation) return null;
    const rootFields = operation.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : null));
    return { type: operation.operation, rootFields };
  } catch {
    return null;
  }
}

/** The one root field an operation calls, however many times (under aliases); null when it calls none or several. */
export function soleRootField(query: string, operationName?: string | null): string | null {
  const fields = new Set(operationShape(query, operationName)?.rootFields ?? []);
  return fields.size === 1 ? [...fields][0] : null;
}

/**
 * The type of the operation an HTTP GraphQL request asks for (GET: the query string; POST: the JSON
 * body), or null when that cannot be told (malformed, a batch): callers treat null as a write.
 * `json`, when given, is the body already parsed (undefined when not JSON), so it is not parsed twice.
 */
export function requestOperationType(method: string, search: string, body: string, json?: () => unknown): OperationTypeNode | null {
  let params: { query?: unknown; operationName?: unknown };
  if (method.toUpperCase() === "GET") {
    const query = new URLSearchParams(search);
    params = { query: query.get("query"), operationName: query.get("operationName") };
  } else {
    const parsed = json ? json() : parseOrUndefined(body);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    params = parsed as typeof params;
  }
  if (typeof params.query !== "string") return null;
  const operationName = typeof params.operationName === "string" ? params.operationName : null;
  return operationShape(params.query, operationName)?.type ?? null;
}

function parseOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
