import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type DefinitionNode, type DocumentNode, Kind, parse, print, visit } from "graphql";

const OPERATIONS_DIR = join(__dirname, "../../schema/contract/operations");

// Every definition of the contract's operation files, by name.
const definitions = new Map<string, DefinitionNode>();
for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith(".graphql"))) {
  for (const definition of parse(readFileSync(join(OPERATIONS_DIR, file), "utf8")).definitions) {
    if ("name" in definition && definition.name) definitions.set(definition.name.value, definition);
  }
}

/** The document a client sends for one contract operation: the operation and the fragments it uses. */
export function contractOperation(name: string): string {
  const operation = definitions.get(name);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error(`no contract operation ${name}`);
  const needed = new Map<string, DefinitionNode>();
  const collect = (node: DefinitionNode) => {
    visit(node, {
      FragmentSpread(spread) {
        const fragment = definitions.get(spread.name.value);
        if (fragment && !needed.has(spread.name.value)) {
          needed.set(spread.name.value, fragment);
          collect(fragment);
        }
      },
    });
  };
  collect(operation);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
  return print(document);
}

export function contractOperationNames(): string[] {
  return [...definitions.values()].filter((d) => d.kind === Kind.OPERATION_DEFINITION).map((d) => ("name" in d && d.name ? d.name.value : ""));
}
