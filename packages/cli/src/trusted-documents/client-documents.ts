import { readFileSync } from "node:fs";
import ts from "typescript";
import { fromRoot } from "../project-root";

/** The typed client's generated source (`npm run client`). */
const CLIENT_FILE = fromRoot("packages", "client", "src", "generated", "graphql.ts");

/** One typed document of packages/client: its export name and its text exactly as `request` sends it. */
export interface ClientDocument {
  exportName: string;
  text: string;
}

/**
 * The operation documents of the typed client, read from its generated source as the TypeScript
 * compiler sees it: every `export const XDocument = new TypedDocumentString(`...`)`, whose string
 * is what the client sends (`document.toString()`). Fragment documents (`XFragmentDoc`) are never
 * sent on their own.
 */
export function clientDocuments(file = CLIENT_FILE): ClientDocument[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const documents: ClientDocument[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.name.text.endsWith("Document")) continue;
      let initializer = declaration.initializer;
      while (initializer && ts.isAsExpression(initializer)) initializer = initializer.expression;
      const text = initializer && ts.isNewExpression(initializer) ? initializer.arguments?.[0] : undefined;
      if (!text || !ts.isNoSubstitutionTemplateLiteral(text)) {
        throw new Error(`${declaration.name.text} in the client is not a TypedDocumentString of a plain template: the generator changed its output`);
      }
      documents.push({ exportName: declaration.name.text, text: text.text });
    }
  }
  return documents;
}
