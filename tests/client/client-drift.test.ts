// The typed client (packages/client) against what `npm run client` generates now from the
// contract's operations and the committed supergraph, like the supergraph's own freshness check.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "graphql";
import { fromRoot } from "../../packages/cli/src/project-root";

const CLIENT_FILE = fromRoot("packages", "client", "src", "generated", "graphql.ts");
const OPERATIONS_DIR = fromRoot("schema", "contract", "operations");
// The generator runs as built (npm test builds first): the code generator's own modules are ES modules.
const GENERATOR = fromRoot("packages", "cli", "dist", "client.js");

describe("packages/client", () => {
  it("is what `npm run client` writes now", () => {
    expect(existsSync(GENERATOR)).toBe(true);
    const check = spawnSync(process.execPath, [GENERATOR, "--check"], { encoding: "utf8" });
    expect({ status: check.status, said: check.stdout.trim() || check.stderr.trim() }).toEqual({
      status: 0,
      said: "packages/client/src/generated/graphql.ts is up to date",
    });
  });

  it("has a typed document, with its result and variables types, for every operation of the contract", () => {
    const generated = readFileSync(CLIENT_FILE, "utf8");
    const operations = readdirSync(OPERATIONS_DIR)
      .filter((file) => file.endsWith(".graphql"))
      .flatMap((file) => parse(readFileSync(path.join(OPERATIONS_DIR, file), "utf8")).definitions)
      .flatMap((definition) => (definition.kind === "OperationDefinition" && definition.name ? [{ name: definition.name.value, type: definition.operation }] : []));
    expect(operations.length).toBeGreaterThan(0);
    for (const { name, type } of operations) {
      const suffix = type === "query" ? "Query" : "Mutation";
      expect(generated).toContain(`export const ${name}Document = new TypedDocumentString(`);
      expect(generated).toContain(`as unknown as TypedDocumentString<${name}${suffix}, ${name}${suffix}Variables>;`);
    }
  });
});
