import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { canonicalDefinitions, documentHash, MANIFEST_FORMAT, type TrustedDocumentsManifest, type TrustedOperation } from "@oa/gateway";
import { Kind, parse } from "graphql";
import { contractOperation } from "../contract-operations";
import { fromRoot } from "../project-root";
import { type ClientDocument, clientDocuments } from "./client-documents";

const CONTRACT_OPERATIONS_DIR = fromRoot("schema", "contract", "operations");

interface ContractOperation {
  name: string;
  type: TrustedOperation["type"];
  /** The operation and the fragments it uses, printed (what the project's tests send). */
  body: string;
}

function contractOperations(operationsDir: string): ContractOperation[] {
  return readdirSync(operationsDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .flatMap((file) => parse(readFileSync(path.join(operationsDir, file), "utf8")).definitions)
    .flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name
        ? [{ name: definition.name.value, type: definition.operation, body: contractOperation(definition.name.value) }]
        : [],
    );
}

/** The definitions of a document, canonical and sorted: two documents with the same are the same request. */
function sameDefinitions(text: string): string {
  const definitions = canonicalDefinitions(text, Number.MAX_SAFE_INTEGER);
  if (!definitions) throw new Error(`not a GraphQL document: ${text.slice(0, 80)}`);
  return [...definitions].sort().join("\n");
}

/**
 * The trusted documents: every operation of the contract, as the project prints it (the operation
 * and its fragments) and as the typed client sends it. The client's documents are checked to be
 * the contract's operations, definition for definition, however differently printed; a client
 * document that is not (a stale client) stops the build. Sorted by name, then id, so the file
 * changes only when a document does.
 */
export function buildTrustedDocumentsManifest(options: { operationsDir?: string; client?: ClientDocument[] } = {}): TrustedDocumentsManifest {
  const contract = contractOperations(options.operationsDir ?? CONTRACT_OPERATIONS_DIR);
  const byName = new Map(contract.map((operation) => [operation.name, operation]));
  const operations: TrustedOperation[] = [];
  const add = (operation: ContractOperation, body: string) => {
    if (!operations.some((listed) => listed.body === body)) operations.push({ id: documentHash(body), name: operation.name, type: operation.type, body });
  };
  for (const operation of contract) add(operation, operation.body);
  for (const document of options.client ?? clientDocuments()) {
    const operation = byName.get(document.exportName.replace(/Document$/, ""));
    if (!operation || sameDefinitions(document.text) !== sameDefinitions(operation.body)) {
      throw new Error(`the client's ${document.exportName} is not an operation of the contract as it is now: run npm run client`);
    }
    add(operation, document.text);
  }
  operations.sort((a, b) => (a.name === b.name ? a.id.localeCompare(b.id) : a.name.localeCompare(b.name)));
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** The manifest file's text: the JSON, two-space indented, with a final newline. */
export function manifestText(manifest: TrustedDocumentsManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
