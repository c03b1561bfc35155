import type { IncomingMessage } from "node:http";
import { HttpError } from "@oa/platform";
import type { TrustedDocuments } from "./trusted-documents";

export const NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST";
export const NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";

export const NOT_IN_LIST_MESSAGE =
  "This gateway runs only its trusted documents: send one by its SHA-256 hash in extensions.persistedQuery.sha256Hash, or its full text as listed.";
export const NOT_FOUND_MESSAGE = "No trusted document has this hash: send one of the gateway's trusted documents, by its hash or in full.";

/** What a GraphQL request over HTTP asks to run: its text, its persisted-query hash, either or both. */
interface DocumentRequest {
  query: unknown;
  hash: unknown;
}

/**
 * With TRUSTED_DOCUMENTS_ONLY, refuses (400) a request whose document is not trusted, before
 * anything else is done with it: the text is hashed and at most lexed, never parsed or validated
 * (docs/decisions/0021). A request that names no document at all, or is not GraphQL over HTTP
 * (a body that is not a JSON object, say), is left to the server's own 400.
 */
export function trustedDocumentsGate(trusted: TrustedDocuments): (request: IncomingMessage, body: string, json?: () => unknown) => void {
  return (request, body, json) => {
    const asked = documentRequest(request, body, json);
    if (!asked) return;
    if (typeof asked.query === "string" && asked.query !== "") {
      if (!trusted.admits(asked.query)) throw new HttpError(400, NOT_IN_LIST_MESSAGE, NOT_IN_LIST);
      return;
    }
    if (typeof asked.hash === "string" && asked.query === undefined) {
      if (trusted.bodyOf(asked.hash) === undefined) throw new HttpError(400, NOT_FOUND_MESSAGE, NOT_FOUND);
    }
  };
}

/** `json`, when given, is the body already parsed (undefined when not JSON): the server parses it once for all. */
function documentRequest(request: IncomingMessage, body: string, json?: () => unknown): DocumentRequest | null {
  if (request.method === "GET") {
    const search = new URL(request.url ?? "/", "http://localhost").searchParams;
    const extensions = search.get("extensions");
    return { query: search.get("query") ?? undefined, hash: extensions === null ? undefined : hashIn(parseJson(extensions)) };
  }
  if (request.method !== "POST" || mediaType(request.headers["content-type"]) !== "application/json") return null;
  const parsed = json ? json() : parseJson(body);
  if (!isObject(parsed)) return null;
  return { query: parsed.query, hash: hashIn(parsed.extensions) };
}

function hashIn(extensions: unknown): unknown {
  if (!isObject(extensions) || !isObject(extensions.persistedQuery)) return undefined;
  return extensions.persistedQuery.sha256Hash;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
