import { canonicalDefinitions, definitionName } from "./document-definitions";
import { documentHash, type TrustedDocumentsManifest } from "./manifest";

/** Bounds of a text judged by its definitions: those of the parser (gateway/src/parse-limits.ts). */
export interface TextBounds {
  maxSourceLength: number;
  maxLexicalTokens: number;
}

/**
 * The documents the gateway runs when TRUSTED_DOCUMENTS_ONLY is true: looked up by hash, or
 * recognised in full. A full text is trusted when its hash is listed, or when every one of its
 * definitions is, in canonical form, one of the listed documents' definitions: the same
 * operations however they are spaced, commented or ordered (the contract's operation files as
 * they are, for instance). Every definition name has one text in the manifest, so such a
 * document runs exactly a listed operation with its listed fragments.
 */
export class TrustedDocuments {
  private readonly bodies = new Map<string, string>();
  private readonly definitions = new Set<string>();

  constructor(
    manifest: TrustedDocumentsManifest,
    private readonly bounds: TextBounds,
  ) {
    const byName = new Map<string, string>();
    for (const operation of manifest.operations) {
      this.bodies.set(operation.id, operation.body);
      const definitions = canonicalDefinitions(operation.body, Number.MAX_SAFE_INTEGER);
      if (!definitions) throw new Error(`trusted document ${operation.name} is not a GraphQL document`);
      for (const definition of definitions) {
        const name = definitionName(definition);
        if (name === null) throw new Error(`trusted document ${operation.name} has an anonymous operation`);
        const earlier = byName.get(name);
        if (earlier !== undefined && earlier !== definition) throw new Error(`the trusted documents define ${name} in two different ways`);
        byName.set(name, definition);
        this.definitions.add(definition);
      }
    }
  }

  /** How many documents the manifest lists. */
  get size(): number {
    return this.bodies.size;
  }

  /** The listed document with this hash (lowercase hex SHA-256), if any. */
  bodyOf(hash: string): string | undefined {
    return this.bodies.get(hash.toLowerCase());
  }

  /** Whether a document sent in full is trusted (see the class). */
  admits(text: string): boolean {
    if (this.bodies.has(documentHash(text))) return true;
    if (text.length > this.bounds.maxSourceLength) return false;
    const definitions = canonicalDefinitions(text, this.bounds.maxLexicalTokens);
    if (definitions === null) return false;
    return definitions.every((definition) => this.definitions.has(definition));
  }
}
