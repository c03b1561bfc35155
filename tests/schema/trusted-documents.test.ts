// The committed trusted documents (schema/trusted-documents.json) against what
// `npm run trusted-documents` writes now, like the supergraph's and the client's freshness checks;
// and what they must hold: every contract operation, and every document the typed client sends.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as client from "@oa/client";
import { documentHash, readTrustedDocumentsManifest, TRUSTED_DOCUMENTS_FILE } from "@oa/gateway";
import { Kind, parse } from "graphql";
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { fromRoot } from "../../packages/cli/src/project-root";
import { buildTrustedDocumentsManifest, manifestText } from "../../packages/cli/src/trusted-documents/build-manifest";

const OPERATIONS_DIR = fromRoot("schema", "contract", "operations");
const COMMAND = fromRoot("packages", "cli", "dist", "trusted-documents.js");

function contractOperationNames(): string[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .flatMap((file) => parse(readFileSync(path.join(OPERATIONS_DIR, file), "utf8")).definitions)
    .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
}

describe("schema/trusted-documents.json", () => {
  const manifest = readTrustedDocumentsManifest();
  const ids = new Set(manifest.operations.map((operation) => operation.id));

  it("is what `npm run trusted-documents` writes now", () => {
    expect(readFileSync(TRUSTED_DOCUMENTS_FILE, "utf8") === manifestText(buildTrustedDocumentsManifest())).toBe(true);
    // The command itself, as built (npm test builds first).
    expect(existsSync(COMMAND)).toBe(true);
    const check = spawnSync(process.execPath, [COMMAND, "--check"], { encoding: "utf8" });
    expect({ status: check.status, said: check.stdout.trim() || check.stderr.trim() }).toEqual({ status: 0, said: "schema/trusted-documents.json is up to date" });
  });

  it("lists every operation of the contract, as the project's tests send it", () => {
    const names = contractOperationNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect({ name, listed: ids.has(documentHash(contractOperation(name))) }).toEqual({ name, listed: true });
    expect(new Set(manifest.operations.map((operation) => operation.name))).toEqual(new Set(names));
  });

  it("lists every document of the typed client, by the hash of exactly the text it sends", () => {
    const documents = Object.entries(client).filter(([name]) => name.endsWith("Document"));
    expect(documents.length).toBe(contractOperationNames().length);
    for (const [name, document] of documents) expect({ name, listed: ids.has(documentHash(String(document))) }).toEqual({ name, listed: true });
  });

  it("refuses to build from a client whose document is not the contract's operation", () => {
    const stale = [{ exportName: "SecurityQuestionCatalogDocument", text: "query SecurityQuestionCatalog { securityQuestionCatalog { id } }" }];
    expect(() => buildTrustedDocumentsManifest({ client: stale })).toThrow(
      "the client's SecurityQuestionCatalogDocument is not an operation of the contract as it is now: run npm run client",
    );
  });
});
