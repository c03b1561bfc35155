import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CLIENT_FILE, CONTRACT_OPERATIONS_DIR, generateClient } from "./client/generate-client";
import { PROJECT_ROOT } from "./project-root";

// `npm run client`: regenerates packages/client's typed documents from the contract's operations
// (schema/contract/operations; `-- --operations DIR` reads a contract not yet copied in).
// `--check` writes nothing and exits 1 when the committed file differs from what it would write.
async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { operations: { type: "string" }, check: { type: "boolean" } }, strict: true });
  const operationsDir = values.operations ? path.resolve(values.operations) : CONTRACT_OPERATIONS_DIR;
  const generated = await generateClient(operationsDir);
  const file = path.relative(PROJECT_ROOT, CLIENT_FILE);
  if (values.check) {
    const fresh = readFileSync(CLIENT_FILE, "utf8") === generated;
    process.stdout.write(fresh ? `${file} is up to date\n` : `${file} is stale: run npm run client and commit it\n`);
    return fresh ? 0 : 1;
  }
  writeFileSync(CLIENT_FILE, generated, "utf8");
  process.stdout.write(`wrote ${file} from ${path.relative(PROJECT_ROOT, operationsDir) || "."}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`client: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
