import type { ParseOptions } from "graphql";

/**
 * Bounds checked while a document is read, before any validation: a junk document is refused
 * after a bounded amount of work, so a burst of them cannot keep the gateway from the next query
 * (docs/decisions/0009). The largest contract operation a client sends is 76 tokens (LoginOnApp,
 * with its fragments), the largest operation file 406 tokens, 3 comments and 2.8 K characters,
 * and Sandbox's full introspection query 184 tokens: these leave room for hand-written queries
 * several times that size.
 */
export const PARSE_LIMITS: ParseOptions = {
  maxLexicalTokens: 1_000,
  // Comments are not tokens, yet each costs as much to read.
  maxComments: 100,
  // Checked before reading a character; variables travel apart from the document.
  maxSourceLength: 32 * 1024,
};

/** The same bounds for a text the trusted-documents gate lexes before any parse (docs/decisions/0021). */
export const PARSE_LIMITS_BOUNDS = { maxSourceLength: PARSE_LIMITS.maxSourceLength!, maxLexicalTokens: PARSE_LIMITS.maxLexicalTokens! };

/**
 * The largest request body the gateway reads: a document within PARSE_LIMITS and this API's
 * variables (a few hundred bytes) fit many times over; anything larger is refused by its
 * Content-Length, or as soon as it passes the bound, before any of it is parsed.
 */
export const MAX_REQUEST_BYTES = 40 * 1024;
