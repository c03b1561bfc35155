import { readdirSync, readFileSync } from "node:fs";
import { type DefinitionNode, Kind, parse, print, visit } from "graphql";
import { fromRoot } from "./project-root";

/** The contract's operation files, kept in the project. */
const OPERATIONS_DIR = fromRoot("schema", "contract", "operations");

let definitions: Map<string, DefinitionNode> | undefined;

function contractDefinitions(): Map<string, DefinitionNode> {
  if (definitions) return definitions;
  definitions = new Map();
  for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith(".graphql"))) {
    for (const definition of parse(readFileSync(`${OPERATIONS_DIR}/${file}`, "utf8")).definitions) {
      if ("name" in definition && definition.name) definitions.set(definition.name.value, definition);
    }
  }
  return definitions;
}

/** The document a client sends for one contract operation: the operation and the fragments it uses. */
export function contractOperation(name: string): string {
  const all = contractDefinitions();
  const operation = all.get(name);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error(`no contract operation ${name}`);
  const fragments = new Map<string, DefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = all.get(spread.name.value);
        if (fragment && !fragments.has(spread.name.value)) {
          fragments.set(spread.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] });
}
