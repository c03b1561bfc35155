import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { TRUSTED_DOCUMENTS_FILE } from "@oa/gateway";
import { PROJECT_ROOT } from "./project-root";
import { buildTrustedDocumentsManifest, manifestText } from "./trusted-documents/build-manifest";

// `npm run trusted-documents`: writes schema/trusted-documents.json, the documents the gateway
// runs with TRUSTED_DOCUMENTS_ONLY=true (the contract's operations, as printed and as the typed
// client sends them). `--check` writes nothing and exits 1 when the committed file is stale.
function main(): number {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { check: { type: "boolean" } }, strict: true });
  const manifest = buildTrustedDocumentsManifest();
  const text = manifestText(manifest);
  const file = path.relative(PROJECT_ROOT, TRUSTED_DOCUMENTS_FILE);
  if (values.check) {
    let committed: string | null = null;
    try {
      committed = readFileSync(TRUSTED_DOCUMENTS_FILE, "utf8");
    } catch {
      // Missing: stale.
    }
    const fresh = committed === text;
    process.stdout.write(fresh ? `${file} is up to date\n` : `${file} is stale: run npm run trusted-documents and commit it\n`);
    return fresh ? 0 : 1;
  }
  writeFileSync(TRUSTED_DOCUMENTS_FILE, text, "utf8");
  process.stdout.write(`wrote ${file}: ${manifest.operations.length} documents of ${new Set(manifest.operations.map((operation) => operation.name)).size} operations\n`);
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  process.stderr.write(`trusted-documents: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
