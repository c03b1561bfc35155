// graphql-js writes the offending value into its error messages ("Variable "$input" got invalid
// value { taxId: "123456789", password: ... }", "String cannot represent a non string value:
// 123456789", "found String "hunter2""): the sender's own tax id or password would come back in
// the answer, and in any log of it. These rewrite each of graphql 16's templates to keep what helps
// (the variable, the path, the type, the rule that failed) and drop every value.

/** A ` Did you mean "a", "b", or "c"?` tail: schema names only, never input. */
const SUGGESTIONS = / Did you mean (?:[a-z][a-z ]* )?(?:"[^"]*"(?:, or |, | or )?)+\?$/;

/** Removes a trailing "Did you mean ...?" suggestion (production spells out no schema). */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTIONS, "");
}

/** The suggestion at the end of `text`, kept as it is (it names schema members, not input). */
function suggestionOf(text: string): string {
  return SUGGESTIONS.exec(text)?.[0] ?? "";
}

// Token kinds whose description carries the token's text ("found String "hunter2"").
const VALUED_TOKEN = String.raw`(Name|Int|Float|String|BlockString|Comment) "[\s\S]*"`;

/** The lexer's and parser's messages, each without the text of the document it quotes. */
const SYNTAX: [RegExp, string][] = [
  [new RegExp(String.raw`^Syntax Error: Expected (.+?), found ${VALUED_TOKEN}\.$`), "Syntax Error: Expected $1, found $2."],
  [new RegExp(String.raw`^Syntax Error: Unexpected ${VALUED_TOKEN}\.$`), "Syntax Error: Unexpected $1."],
  [
    new RegExp(String.raw`^Syntax Error: ${VALUED_TOKEN} is reserved and cannot be used for an enum value\.$`),
    "Syntax Error: $1 is reserved and cannot be used for an enum value.",
  ],
  [/^Syntax Error: Invalid number, expected digit but got: [\s\S]*$/, "Syntax Error: Invalid number, expected a digit."],
  // "Unexpected character: "x".", "Invalid Unicode escape sequence: "\u12G4".", ...
  [/^Syntax Error: ([A-Za-z0-9 ,]+): [\s\S]*$/, "Syntax Error: $1."],
];

/**
 * Messages of a scalar's or an enum's parseValue/parseLiteral and of coerceInputValue, as they
 * stand alone (a literal in the document) or after "; " in a variable's message. Each pattern runs
 * to the end of the message, so whatever value text it spans is dropped.
 */
const VALUE_PROBLEMS: [RegExp, (match: RegExpExecArray) => string][] = [
  // Int, Float, String, Boolean, ID: "String cannot represent a non string value: 123456789"
  // (Each also matches its own rewritten form, so that a message passed on twice reads the same.)
  [/^(Int|Float|String|Boolean|ID) cannot represent ([a-z0-9 -]*?)value(?:: [\s\S]*|\.)$/, (m) => `${m[1]} cannot represent ${m[2]}value.`],
  [/^Enum "(\w+)" cannot represent ([a-z -]*?)value(?:: [\s\S]*|\.[\s\S]*)$/, (m) => `Enum "${m[1]}" cannot represent ${m[2]}value.${suggestionOf(m[0])}`],
  [/^Value (?:"[\s\S]*" )?does not exist in "(\w+)" enum\.[\s\S]*$/, (m) => `Value does not exist in "${m[1]}" enum.${suggestionOf(m[0])}`],
  // A custom scalar that threw a plain Error: its message may hold the value.
  [/^Expected type "(\w+)"\.[\s\S]*$/, (m) => `Expected type "${m[1]}".`],
  // Messages that name only fields and types stay as they are.
  [/^Expected non-nullable type "[^"]*" not to be null\.$/, (m) => m[0]],
  [/^Expected type "\w+" to be an object\.$/, (m) => m[0]],
  [/^Field "[^"]*" of required type "[^"]*" was not provided\.$/, (m) => m[0]],
  [/^Field "[^"]*" is not defined by type "\w+"\.(?: Did you mean [^?]*\?)?$/, (m) => m[0]],
  [/^Exactly one key must be specified for OneOf type "\w+"\.$/, (m) => m[0]],
  [/^Field "[^"]*" must be non-null\.$/, (m) => m[0]],
];

/** One of VALUE_PROBLEMS, rewritten; null when `text` is none of them. */
function valueProblem(text: string): string | null {
  for (const [pattern, rewrite] of VALUE_PROBLEMS) {
    const match = pattern.exec(text);
    if (match) return rewrite(match);
  }
  return null;
}

const VARIABLE = /^Variable "\$(\w+)" got invalid value(?=[ ;])/;
// A path printed by graphql: the variable, then `.field` and `[index]` steps.
const PATH_AT_END = / at "(\w+(?:\.\w+|\[\d+\])*)"$/;

/**
 * `Variable "$input" got invalid value <the value> at "input.taxId"; <problem>`: the value is
 * dropped and so is anything in the problem that quotes it. The problem is found from the end, since
 * the value before it may contain anything (even text that looks like a problem).
 */
function variableProblem(message: string): string | null {
  const head = VARIABLE.exec(message);
  if (!head) return null;
  const rest = message.slice(head[0].length);
  for (let at = rest.indexOf("; "); at !== -1; at = rest.indexOf("; ", at + 1)) {
    const problem = valueProblem(rest.slice(at + 2));
    if (problem === null) continue;
    const path = PATH_AT_END.exec(rest.slice(0, at))?.[1];
    return `Variable "$${head[1]}" got invalid value${path ? ` at "${path}"` : ""}; ${problem}`;
  }
  return `Variable "$${head[1]}" got invalid value.`;
}

/** `Expected value of type "T", found <literal>[; <problem>]` (ValuesOfCorrectTypeRule). */
function literalProblem(message: string): string | null {
  const head = /^Expected value of type "([^"]+)", found /.exec(message);
  if (!head) return null;
  const rest = message.slice(head[0].length);
  if (rest === "null.") return message;
  for (let at = rest.indexOf("; "); at !== -1; at = rest.indexOf("; ", at + 1)) {
    const problem = valueProblem(rest.slice(at + 2));
    if (problem !== null) return `Expected value of type "${head[1]}"; ${problem}`;
  }
  return `Expected value of type "${head[1]}".`;
}

/**
 * `message` without any input value graphql-js quoted in it: the variable and field names, the
 * path, the types and the rule that failed stay. A message of no known template is returned as it
 * is (those name fields and types only).
 */
export function withoutInputValues(message: string): string {
  for (const [pattern, replacement] of SYNTAX) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return variableProblem(message) ?? literalProblem(message) ?? valueProblem(message) ?? message;
}
