import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { DEFAULT_OPERATION_LIMITS, operationLimitRules } from "./operation-limits";

// A schema shaped like the API's: the guarded mutations, and a type that nests as deep as asked.
const schema = buildSchema(`
  type Query { me: User node: Node }
  type Node { id: ID! child: Node }
  type User { id: ID! username: String! }
  union LoginResult = LoginSucceeded | LoginRejected
  type LoginSucceeded { token: String! }
  type LoginRejected { code: String! }
  input Credentials { username: String! password: String! }
  type Mutation {
    login(input: Credentials!): LoginResult!
    verifyStepUp(code: String!): Boolean!
    enroll(username: String!): Boolean!
    addVehicle(vin: String!): Boolean!
    sendSecurityCode(challengeId: ID!): Boolean!
    refreshSession(refreshToken: String!): Boolean!
    logout: Boolean!
  }
`);

function errorsOf(document: string): string[] {
  return validate(schema, parse(document), [...specifiedRules, ...operationLimitRules()]).map((error) => error.message);
}

// `child { child { ... { id } } }`: `levels` fields deep, the leaf `id` included.
function chain(levels: number): string {
  let selection = "id";
  for (let i = 1; i < levels; i += 1) selection = `child { ${selection} }`;
  return selection;
}

/** An operation `levels + 1` fields deep: `node`, then the chain. */
function nested(levels: number): string {
  return `{ node { ${chain(levels)} } }`;
}

const LOGIN = `login(input: { username: "a", password: "b" }) { __typename }`;

describe("operation limits", () => {
  it("refuses aliases of login in one operation", () => {
    const errors = errorsOf(`mutation Guess { a: ${LOGIN} b: ${LOGIN} c: ${LOGIN} }`);
    expect(errors).toEqual(['Operation "Guess" has "login" 3 times; it may appear only once per operation, aliases included.']);
  });

  it("refuses login repeated without aliases, and through fragments", () => {
    expect(errorsOf(`mutation { ${LOGIN} ${LOGIN} }`)).toHaveLength(1);
    const viaFragments = `mutation { ...A ...B } fragment A on Mutation { ${LOGIN} } fragment B on Mutation { x: ${LOGIN} }`;
    expect(errorsOf(viaFragments)).toEqual(['The operation has "login" 2 times; it may appear only once per operation, aliases included.']);
    expect(errorsOf(`mutation { ... on Mutation { ${LOGIN} } ${LOGIN} }`)).toHaveLength(1);
  });

  it.each(['verifyStepUp(code: "1")', 'enroll(username: "u")', 'addVehicle(vin: "v")', 'sendSecurityCode(challengeId: "c")', 'refreshSession(refreshToken: "t")'])(
    "refuses %s twice",
    (field) => {
      const name = field.slice(0, field.indexOf("("));
      expect(errorsOf(`mutation { a: ${field} b: ${field} }`)).toEqual([`The operation has "${name}" 2 times; it may appear only once per operation, aliases included.`]);
    },
  );

  it("accepts two different guarded fields once each, and other fields repeated", () => {
    expect(errorsOf(`mutation { ${LOGIN} sendSecurityCode(challengeId: "c") }`)).toEqual([]);
    expect(errorsOf(`mutation { a: logout b: logout }`)).toEqual([]);
  });

  it("counts each operation of a document on its own", () => {
    expect(errorsOf(`mutation One { ${LOGIN} } mutation Two { ${LOGIN} }`)).toEqual([]);
  });

  it("accepts the deepest allowed operation and refuses one level more", () => {
    const max = DEFAULT_OPERATION_LIMITS.maxDepth;
    expect(errorsOf(nested(max - 1))).toEqual([]);
    expect(errorsOf(nested(max))).toEqual([`The operation nests fields ${max + 1} levels deep; at most ${max} are allowed.`]);
  });

  it("counts depth through fragments", () => {
    const max = DEFAULT_OPERATION_LIMITS.maxDepth;
    const viaFragment = (levels: number) => `{ node { ...Deep } } fragment Deep on Node { ${chain(levels)} }`;
    expect(errorsOf(viaFragment(max - 1))).toEqual([]);
    expect(errorsOf(viaFragment(max))).toEqual([expect.stringContaining(`${max + 1} levels deep`)]);
  });

  it("lets the standard introspection query through", () => {
    expect(errorsOf(getIntrospectionQuery())).toEqual([]);
    expect(errorsOf(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it("refuses introspection nested deeper than the limit", () => {
    const ofTypes = (n: number): string => (n === 0 ? "name" : `ofType { ${ofTypes(n - 1)} }`);
    expect(errorsOf(`{ __schema { types { fields { type { ${ofTypes(20)} } } } } }`)).toEqual([expect.stringContaining("levels deep")]);
  });

  it("still refuses introspection nested to blow up (graphql's own rule)", () => {
    const bomb = `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`;
    expect(errorsOf(bomb)).toEqual([expect.stringContaining("Maximum introspection depth exceeded")]);
  });

  it("refuses more than the allowed aliases, counting fragments at each spread", () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: id`).join(" ");
    expect(errorsOf(`{ me { ${aliases(DEFAULT_OPERATION_LIMITS.maxAliases)} } }`)).toEqual([]);
    expect(errorsOf(`{ me { ${aliases(DEFAULT_OPERATION_LIMITS.maxAliases + 1)} } }`)).toEqual([
      `The operation uses ${DEFAULT_OPERATION_LIMITS.maxAliases + 1} aliases; at most ${DEFAULT_OPERATION_LIMITS.maxAliases} are allowed.`,
    ]);
    const spreadTwice = `{ me { ...Many } node { child { id } } x: me { ...Many } } fragment Many on User { ${aliases(15)} }`;
    expect(errorsOf(spreadTwice)).toEqual([expect.stringContaining("uses 31 aliases")]);
  });

  it("refuses an operation that costs more than the limit, though within the depth and alias limits", () => {
    const wide = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: node { ${chain(12)} }`).join(" ")} }`;
    expect(errorsOf(wide(10))).toEqual([]);
    const errors = errorsOf(wide(30));
    expect(errors).toEqual([expect.stringMatching(/^The operation costs \d+; at most 10000 is allowed \(a field costs more the deeper it is nested\)\.$/)]);
    expect(Number(/costs (\d+)/.exec(errors[0])?.[1])).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
    // Named operations are named in the message, as with the other limits.
    expect(errorsOf(wide(30).replace("{", "query Wide {"))).toEqual([expect.stringMatching(/^Operation "Wide" costs \d+;/)]);
  });

  it("stays cheap on fragments that spread each other many times", () => {
    // 20 levels of fragments each spreading the next twice: 2^20 fields if expanded naively.
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on User { a${i}: id ...F${i + 1} b${i}: id ...F${i + 1} }`);
    fragments.push("fragment F20 on User { id }");
    const started = Date.now();
    const errors = errorsOf(`{ me { ...F0 } } ${fragments.join(" ")}`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errors).toEqual(expect.arrayContaining([expect.stringContaining("aliases; at most")]));
  });

  it("lets every contract operation through against the contract's API schema", () => {
    const contract = path.resolve(__dirname, "../../schema/contract");
    const api = buildSchema(readFileSync(path.join(contract, "api.graphql"), "utf8"));
    const files = readdirSync(path.join(contract, "operations")).filter((file) => file.endsWith(".graphql"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(readFileSync(path.join(contract, "operations", file), "utf8"));
      const errors = validate(api, document, [...specifiedRules, ...operationLimitRules()]).map((error) => error.message);
      expect({ file, errors }).toEqual({ file, errors: [] });
    }
  });
});
