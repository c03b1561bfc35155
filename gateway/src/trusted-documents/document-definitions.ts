import { Lexer, Source, stripIgnoredCharacters, TokenKind } from "graphql";

/**
 * The top-level definitions of a GraphQL document, each in canonical form (graphql-js's
 * stripIgnoredCharacters: no whitespace, commas or comments beyond what separates two tokens), or
 * null when the text is not a sequence of complete definitions within `maxTokens`. Only the lexer
 * runs: the document is split into definitions, not parsed, so an untrusted text is judged after
 * a bounded, linear amount of work (docs/decisions/0021).
 */
export function canonicalDefinitions(text: string, maxTokens: number): string[] | null {
  const definitions: string[] = [];
  try {
    const lexer = new Lexer(new Source(text));
    let braces = 0;
    let parentheses = 0;
    let start = -1;
    let tokens = 0;
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > maxTokens) return null;
      if (start < 0) start = token.start;
      if (token.kind === TokenKind.BRACE_L) braces += 1;
      else if (token.kind === TokenKind.PAREN_L) parentheses += 1;
      else if (token.kind === TokenKind.PAREN_R) parentheses -= 1;
      else if (token.kind === TokenKind.BRACE_R) {
        braces -= 1;
        // A definition ends with the brace that closes its selection set (not a default value's).
        if (braces === 0 && parentheses === 0) {
          definitions.push(stripIgnoredCharacters(text.slice(start, token.end)));
          start = -1;
        }
      }
      if (braces < 0 || parentheses < 0) return null;
    }
    // Tokens after the last complete definition: not a document of whole definitions.
    return start < 0 && definitions.length > 0 ? definitions : null;
  } catch {
    // The lexer refuses characters no GraphQL document holds.
    return null;
  }
}

/** The name of a canonical definition (`query Login(...)`, `fragment X on Y`), or null for an anonymous one. */
export function definitionName(canonical: string): string | null {
  const match = /^(?:query|mutation|subscription|fragment)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(canonical);
  return match ? match[1] : null;
}
