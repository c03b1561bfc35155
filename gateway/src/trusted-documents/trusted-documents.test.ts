import { readFileSync } from "node:fs";
import path from "node:path";
import { PARSE_LIMITS_BOUNDS } from "../parse-limits";
import { canonicalDefinitions } from "./document-definitions";
import { checkManifest, documentHash, MANIFEST_FORMAT, readTrustedDocumentsManifest, type TrustedDocumentsManifest, type TrustedOperation } from "./manifest";
import { TrustedDocuments } from "./trusted-documents";

const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { __typename ... on LoginSucceeded { session { ...SessionFields } } }
}
fragment SessionFields on Session { accessToken expiresAt }`;
const CATALOG = "query SecurityQuestionCatalog { securityQuestionCatalog { id text } }";

function operation(name: string, body: string, type: TrustedOperation["type"] = "query"): TrustedOperation {
  return { id: documentHash(body), name, type, body };
}

const trusted = new TrustedDocuments(
  { format: MANIFEST_FORMAT, version: 1, operations: [operation("Login", LOGIN, "mutation"), operation("SecurityQuestionCatalog", CATALOG)] },
  PARSE_LIMITS_BOUNDS,
);

describe("canonicalDefinitions", () => {
  it("splits a document into its definitions, without whitespace, commas or comments", () => {
    expect(canonicalDefinitions("# a comment\nquery A($id: ID!, $n: Int = 3) { a(id: $id) { b, c } }\n\nfragment F on T { x }", 1_000)).toEqual([
      "query A($id:ID!$n:Int=3){a(id:$id){b c}}",
      "fragment F on T{x}",
    ]);
  });

  it("keeps a default object value in the operation it belongs to", () => {
    expect(canonicalDefinitions("query A($in: In = { a: 1 }) { f(in: $in) }", 1_000)).toEqual(["query A($in:In={a:1}){f(in:$in)}"]);
  });

  it("answers null for what is not a sequence of whole definitions", () => {
    for (const text of ["", "   # only a comment", "query A { a } query B", "{ a } }", "query A { a ", "query A { a } \u0007", 'query A { a(s: "open) }']) {
      expect({ text, definitions: canonicalDefinitions(text, 1_000) }).toEqual({ text, definitions: null });
    }
  });

  it("stops at the token bound", () => {
    expect(canonicalDefinitions("{ a b c d }", 6)).toHaveLength(1);
    expect(canonicalDefinitions("{ a b c d }", 5)).toBeNull();
  });
});

describe("TrustedDocuments", () => {
  it("finds a listed document by its hash, in either case", () => {
    expect(trusted.bodyOf(documentHash(CATALOG))).toBe(CATALOG);
    expect(trusted.bodyOf(documentHash(CATALOG).toUpperCase())).toBe(CATALOG);
    expect(trusted.bodyOf(documentHash(`${CATALOG} `))).toBeUndefined();
  });

  it("admits a listed document sent in full, however it is spaced, commented or ordered", () => {
    expect(trusted.admits(CATALOG)).toBe(true);
    expect(trusted.admits("query SecurityQuestionCatalog {\n  securityQuestionCatalog {\n    id,\n    text # the question\n  }\n}\n")).toBe(true);
    const [operationPart, fragmentPart] = LOGIN.split("\nfragment");
    expect(trusted.admits(`fragment${fragmentPart}\n${operationPart}`)).toBe(true);
    // A file of several listed operations, sent with an operationName.
    expect(trusted.admits(`${LOGIN}\n${CATALOG}`)).toBe(true);
  });

  it("refuses anything else: another selection, an anonymous query, an unlisted fragment, junk, a text past the bounds", () => {
    expect(trusted.admits("query SecurityQuestionCatalog { securityQuestionCatalog { id } }")).toBe(false);
    expect(trusted.admits("{ securityQuestionCatalog { id text } }")).toBe(false);
    expect(trusted.admits(`${LOGIN.replace("accessToken expiresAt", "accessToken")}`)).toBe(false);
    expect(trusted.admits(`${CATALOG} fragment Extra on Session { accessToken }`)).toBe(false);
    expect(trusted.admits("query SecurityQuestionCatalog { securityQuestionCatalog { id text } } query Again { __typename }")).toBe(false);
    expect(trusted.admits("not graphql at all }")).toBe(false);
    expect(trusted.admits(`${CATALOG}${" ".repeat(PARSE_LIMITS_BOUNDS.maxSourceLength)}`)).toBe(false);
  });

  it("refuses a manifest that defines one name in two ways, or whose id is not its body's hash", () => {
    const twice: TrustedDocumentsManifest = { format: MANIFEST_FORMAT, version: 1, operations: [operation("A", "query A { a }"), operation("A", "query A { b }")] };
    expect(() => new TrustedDocuments(twice, PARSE_LIMITS_BOUNDS)).toThrow("the trusted documents define A in two different ways");
    expect(() => checkManifest({ format: MANIFEST_FORMAT, version: 1, operations: [{ ...operation("A", "query A { a }"), body: "query A { b }" }] })).toThrow(
      /not the SHA-256 of its body/,
    );
    expect(() => checkManifest({ operations: [] })).toThrow(/apollo-persisted-query-manifest/);
  });

  it("loads the committed manifest: every contract operation, each definition in one way", () => {
    const manifest = readTrustedDocumentsManifest();
    const project = new TrustedDocuments(manifest, PARSE_LIMITS_BOUNDS);
    expect(project.size).toBe(manifest.operations.length);
    // The contract's operation files as they are, each sent whole with an operationName.
    const operations = path.resolve(__dirname, "../../../schema/contract/operations");
    for (const file of ["account.graphql", "enrollment.graphql", "login.graphql", "security.graphql"]) {
      expect({ file, admitted: project.admits(readFileSync(path.join(operations, file), "utf8")) }).toEqual({ file, admitted: true });
    }
  });
});
