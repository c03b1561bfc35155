import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/** The committed manifest; the same path from `src/` (tests) and from `dist/` (builds). */
export const TRUSTED_DOCUMENTS_FILE = path.resolve(__dirname, "../../../schema/trusted-documents.json");

/** Apollo's persisted-query manifest format: what Apollo's own tools write and read. */
export const MANIFEST_FORMAT = "apollo-persisted-query-manifest";

/** One trusted document: its hash, the operation it runs and its text exactly as a client sends it. */
export interface TrustedOperation {
  /** Lowercase hex SHA-256 of `body`'s UTF-8 bytes. */
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface TrustedDocumentsManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: TrustedOperation[];
}

/**
 * A document's id: the SHA-256 of its text exactly as sent, as lowercase hex. It is the hash of
 * Apollo's persisted-query protocol (`extensions.persistedQuery.sha256Hash`).
 */
export function documentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Reads and checks the manifest file, with a message that says how to produce it. */
export function readTrustedDocumentsManifest(file = TRUSTED_DOCUMENTS_FILE): TrustedDocumentsManifest {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the trusted documents (${reason}); run "npm run trusted-documents" to write schema/trusted-documents.json`);
  }
  return checkManifest(JSON.parse(text) as unknown);
}

/** The manifest as it must be: the format, and every id the hash of its body (a hand edit shows). */
export function checkManifest(value: unknown): TrustedDocumentsManifest {
  const manifest = value as Partial<TrustedDocumentsManifest> | null;
  if (!manifest || manifest.format !== MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`the trusted documents are not an ${MANIFEST_FORMAT} of version 1`);
  }
  for (const operation of manifest.operations) {
    if (typeof operation?.body !== "string" || operation.id !== documentHash(operation.body)) {
      throw new Error(`trusted document ${JSON.stringify(operation?.name)} has an id that is not the SHA-256 of its body: run "npm run trusted-documents"`);
    }
  }
  return manifest as TrustedDocumentsManifest;
}
