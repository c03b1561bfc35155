import { buildSchema, type GraphQLError, GraphQLScalarType, getVariableValues, type OperationDefinitionNode, parse, validate } from "graphql";
import { withoutInputValues, withoutSuggestions } from "./input-echo";

// Every message below is made by graphql itself, from input holding these values.
const TAX_ID = "123456789";
const PASSWORD = "Hunter2-Harbor-Secret";
const ANSWER = "Biscuit-Secret-Answer";
const NAME = "Hunter2_Harbor_Secret";

const schema = buildSchema(`
  enum AccountType { BANK INVEST AUTO }
  scalar Secretive
  input AnswerInput { questionId: ID! answer: String! }
  input EnrollInput {
    accountType: AccountType!
    taxId: String!
    password: String!
    count: Int
    ratio: Float
    flag: Boolean
    id: ID
    secret: Secretive
    securityAnswers: [AnswerInput!]
  }
  input OneInput @oneOf { a: String b: String }
  type Query { enroll(input: EnrollInput!): Boolean pick(one: OneInput): Boolean secretive(value: Secretive): Boolean }
`);
// A custom scalar that throws a plain Error quoting the value, as libraries' scalars do.
const secretive = schema.getType("Secretive") as GraphQLScalarType;
secretive.parseValue = (value) => {
  throw new Error(`cannot parse ${String(value)}`);
};
secretive.parseLiteral = (node) => {
  throw new Error(`cannot parse ${"value" in node ? String(node.value) : "?"}`);
};

const ENROLL = "query Enroll($input: EnrollInput!) { enroll(input: $input) }";
const VALID = { accountType: "BANK", taxId: TAX_ID, password: PASSWORD, securityAnswers: [{ questionId: "Q1", answer: ANSWER }] };

/** The messages graphql gives for `variables` of `document`. */
function variableErrors(document: string, variables: Record<string, unknown>): string[] {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!errors) throw new Error("no errors: the case tests nothing");
  return errors.map((error: GraphQLError) => error.message);
}

function literalErrors(document: string): string[] {
  const errors = validate(schema, parse(document));
  if (errors.length === 0) throw new Error("no errors: the case tests nothing");
  return errors.map((error) => error.message);
}

function syntaxError(document: string): string {
  try {
    parse(document, { maxTokens: 50 });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("no syntax error: the case tests nothing");
}

const SECRETS = [TAX_ID, PASSWORD, ANSWER, NAME, "SECRET-MARKER"];

const holdsSecret = (message: string) => SECRETS.some((secret) => message.includes(secret));

/** Checks that graphql's message held a secret, and that the cleaned one holds none. */
function cleaned(message: string): string {
  expect(holdsSecret(message) || message.includes("AUTOX")).toBe(true);
  return clean(message);
}

/** The cleaned message, checked to hold no secret, and to read the same when cleaned again. */
function clean(message: string): string {
  const clean = withoutInputValues(message);
  for (const secret of SECRETS) expect(clean).not.toContain(secret);
  // A message passed on (a subgraph's, through the gateway) reads the same.
  expect(withoutInputValues(clean)).toBe(clean);
  return clean;
}

describe("withoutInputValues: a variable's value", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown field (the whole input)", { ...VALID, foo: 1 }, 'Variable "$input" got invalid value; Field "foo" is not defined by type "EnrollInput".'],
    ["a String given a number", { ...VALID, taxId: 123456789 }, 'Variable "$input" got invalid value at "input.taxId"; String cannot represent a non string value.'],
    ["an Int given text", { ...VALID, count: TAX_ID }, 'Variable "$input" got invalid value at "input.count"; Int cannot represent non-integer value.'],
    ["an Int too large", { ...VALID, count: 1234567890123 }, 'Variable "$input" got invalid value at "input.count"; Int cannot represent non 32-bit signed integer value.'],
    ["a Float given text", { ...VALID, ratio: PASSWORD }, 'Variable "$input" got invalid value at "input.ratio"; Float cannot represent non numeric value.'],
    ["a Boolean given text", { ...VALID, flag: PASSWORD }, 'Variable "$input" got invalid value at "input.flag"; Boolean cannot represent a non boolean value.'],
    ["an ID given an object", { ...VALID, id: { code: PASSWORD } }, 'Variable "$input" got invalid value at "input.id"; ID cannot represent value.'],
    [
      "an enum given an unknown value",
      { ...VALID, accountType: `X${TAX_ID}` },
      'Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum.',
    ],
    [
      "an enum given a number",
      { ...VALID, accountType: 123456789 },
      'Variable "$input" got invalid value at "input.accountType"; Enum "AccountType" cannot represent non-string value.',
    ],
    ["a custom scalar that quotes the value", { ...VALID, secret: PASSWORD }, 'Variable "$input" got invalid value at "input.secret"; Expected type "Secretive".'],
    [
      "a value deep in a list",
      { ...VALID, securityAnswers: [{ questionId: "Q1", answer: { text: ANSWER } }] },
      'Variable "$input" got invalid value at "input.securityAnswers[0].answer"; String cannot represent a non string value.',
    ],
    ["text where an object goes", { input: PASSWORD }, 'Variable "$input" got invalid value; Expected type "EnrollInput" to be an object.'],
    ["a missing field", { accountType: "BANK", taxId: TAX_ID }, 'Variable "$input" got invalid value; Field "password" of required type "String!" was not provided.'],
  ])("%s", (_, input, expected) => {
    const variables = "input" in input && typeof input.input === "string" ? input : { input };
    const [message] = variableErrors(ENROLL, variables);
    expect(cleaned(message)).toBe(expected);
  });

  it("a @oneOf input with two keys", () => {
    const [message] = variableErrors("query ($one: OneInput) { pick(one: $one) }", { one: { a: PASSWORD, b: TAX_ID } });
    expect(cleaned(message)).toBe('Variable "$one" got invalid value; Exactly one key must be specified for OneOf type "OneInput".');
  });

  it("keeps the enum's suggestion (schema names), not the value", () => {
    const [message] = variableErrors(ENROLL, { input: { ...VALID, accountType: "AUTOX" } });
    expect(message).toContain("AUTOX");
    expect(cleaned(message)).toBe('Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum. Did you mean the enum value "AUTO"?');
    expect(withoutSuggestions(withoutInputValues(message))).toBe('Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum.');
  });

  it("drops a value made to look like the end of the message", () => {
    const crafted = `SECRET-MARKER" at "input.password"; Field "zzz" is not defined by type "EnrollInput".`;
    const disguise = { text: `; String cannot represent a non string value: SECRET-MARKER` };
    for (const input of [
      { ...VALID, password: crafted, foo: 1 },
      { ...VALID, [crafted]: 1 },
      { ...VALID, password: disguise },
      { ...VALID, [`${crafted}; `]: disguise },
    ]) {
      const messages = variableErrors(ENROLL, { input });
      expect(messages.some(holdsSecret)).toBe(true);
      messages.forEach(clean);
    }
  });

  it("leaves messages that quote no value as they are", () => {
    const [missing] = variableErrors(ENROLL, {});
    expect(withoutInputValues(missing)).toBe('Variable "$input" of required type "EnrollInput!" was not provided.');
    const [nulled] = variableErrors(ENROLL, { input: null });
    expect(withoutInputValues(nulled)).toBe('Variable "$input" of non-null type "EnrollInput!" must not be null.');
  });
});

describe("withoutInputValues: a literal in the document", () => {
  const enroll = (fields: string) => `{ enroll(input: { accountType: BANK, taxId: "1", password: "p", ${fields} }) }`;

  it.each<[string, string, string]>([
    ["a String given a number", enroll(`count: 1, taxId2: 1`).replace('taxId: "1"', `taxId: ${TAX_ID}`).replace(", taxId2: 1", ""), "String cannot represent a non string value."],
    ["an Int given text", enroll(`count: "${TAX_ID}"`), "Int cannot represent non-integer value."],
    ["an Int too large", enroll(`count: 1${TAX_ID}0`), "Int cannot represent non 32-bit signed integer value."],
    ["a Float given text", enroll(`ratio: "${PASSWORD}"`), "Float cannot represent non numeric value."],
    ["a Boolean given text", enroll(`flag: "${PASSWORD}"`), "Boolean cannot represent a non boolean value."],
    ["an ID given a float", enroll(`id: ${TAX_ID}.5`), "ID cannot represent a non-string and non-integer value."],
    ["an enum given a string", enroll(`accountType: "${PASSWORD}"`).replace("accountType: BANK, ", ""), 'Enum "AccountType" cannot represent non-enum value.'],
    ["an enum given an unknown value", enroll("").replace("accountType: BANK", `accountType: X${TAX_ID}`), 'Value does not exist in "AccountType" enum.'],
    ["an object where a String goes", enroll("").replace('password: "p"', `password: { text: "${PASSWORD}" }`), "String cannot represent a non string value."],
    ["text where an object goes", enroll(`securityAnswers: ["${ANSWER}"]`), 'Expected value of type "AnswerInput!".'],
    ["a list where an object goes", enroll(`securityAnswers: [["${ANSWER}"]]`), 'Expected value of type "AnswerInput".'],
    ["a custom scalar that quotes the value", `{ secretive(value: "${PASSWORD}") }`, 'Expected value of type "Secretive".'],
  ])("%s", (_, document, expected) => {
    const messages = literalErrors(document);
    expect(messages.map(cleaned)).toContain(expected);
  });

  it("keeps the enum's suggestion, and a null", () => {
    expect(literalErrors(enroll("").replace("accountType: BANK", "accountType: AUTOX")).map(cleaned)).toEqual([
      'Value does not exist in "AccountType" enum. Did you mean the enum value "AUTO"?',
    ]);
    expect(literalErrors(enroll("").replace('password: "p"', "password: null")).map(withoutInputValues)).toEqual(['Expected value of type "String!", found null.']);
  });
});

describe("withoutInputValues: syntax errors", () => {
  it.each<[string, string, string]>([
    ["a string where a field goes", `{ me "${PASSWORD}" }`, "Syntax Error: Expected Name, found String."],
    ["a block string", `{ me """${PASSWORD}""" }`, "Syntax Error: Expected Name, found BlockString."],
    ["a number after the operation", `{ me } ${TAX_ID}`, "Syntax Error: Unexpected Int."],
    ["a name after the operation", `{ me } ${NAME}`, "Syntax Error: Unexpected Name."],
    ["a float", `{ me } ${TAX_ID}.5`, "Syntax Error: Unexpected Float."],
    ["an expected keyword", `fragment F ${NAME} Query { me }`, 'Syntax Error: Expected "on", found Name.'],
  ])("%s", (_, document, expected) => {
    expect(cleaned(syntaxError(document))).toBe(expected);
  });

  it.each<[string, string, string]>([
    ["an unexpected character", "{ me(a: 1) ^ }", "Syntax Error: Unexpected character."],
    ["a bad number", "{ me(a: 123x) }", "Syntax Error: Invalid number, expected a digit."],
    ["a digit after 0", "{ me(a: 01) }", "Syntax Error: Invalid number, unexpected digit after 0."],
    ["a bad Unicode escape", String.raw`{ me(a: "\u12G4") }`, "Syntax Error: Invalid Unicode escape sequence."],
    ["a bad escape", String.raw`{ me(a: "ab\x") }`, "Syntax Error: Invalid character escape sequence."],
    ["a lone surrogate in a string", '{ me(a: "a\uD800b") }', "Syntax Error: Invalid character within String."],
  ])("%s: the quoted characters go", (_, document, expected) => {
    expect(withoutInputValues(syntaxError(document))).toBe(expected);
  });

  it("keeps messages that quote nothing of the document", () => {
    for (const document of ["{ me ", '{ me(a: "open) }', `{ ${"a ".repeat(60)} }`]) {
      const message = syntaxError(document);
      expect(withoutInputValues(message)).toBe(message);
    }
  });
});

describe("withoutSuggestions", () => {
  it.each([
    ['Cannot query field "mee" on type "Query". Did you mean "me"?', 'Cannot query field "mee" on type "Query".'],
    ['Unknown argument "inpt" on field "Mutation.enroll". Did you mean "input"?', 'Unknown argument "inpt" on field "Mutation.enroll".'],
    ['Field "passwrd" is not defined by type "EnrollInput". Did you mean "password", "username", or "taxId"?', 'Field "passwrd" is not defined by type "EnrollInput".'],
    ['Cannot query field "x" on type "Result". Did you mean to use an inline fragment on "A" or "B"?', 'Cannot query field "x" on type "Result".'],
    ['Value does not exist in "AccountType" enum. Did you mean the enum value "AUTO"?', 'Value does not exist in "AccountType" enum.'],
    ["Syntax Error: Unterminated string.", "Syntax Error: Unterminated string."],
  ])("%s", (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });
});
