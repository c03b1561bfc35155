import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CompositionError, composeSchemas, schemaPath, SUPERGRAPH_FILE_NAME } from "./schema/compose-supergraph";

// `npm run compose`: writes each subgraph's SDL and the composed supergraph under schema/.
async function main(): Promise<void> {
  const composed = await composeSchemas();
  const files = { ...composed.subgraphs, [SUPERGRAPH_FILE_NAME]: composed.supergraph };
  mkdirSync(path.dirname(schemaPath(SUPERGRAPH_FILE_NAME)), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(schemaPath(file), text, "utf8");
    process.stdout.write(`wrote schema/${file}\n`);
  }
}

main().catch((error: unknown) => {
  // A composition failure is the subgraphs' fault: print its errors, not our stack.
  process.stderr.write(`${error instanceof CompositionError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
