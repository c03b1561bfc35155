import { buildSchema } from "graphql";
import { contractGaps } from "./contract-coverage";

const SERVED = buildSchema(`
  scalar DateTime
  interface Node { id: ID! }
  type Query { me: User  user(id: ID!, after: String): User  internal: Int }
  type Mutation { logout: Boolean! }
  type User implements Node { id: ID!  name: String  seenAt: DateTime  tags(first: Int = 10): [String!]! }
  enum Platform { WEB IOS ANDROID DESKTOP }
  union Result = User | Problem
  type Problem { message: String! }
  input Filter { name: String!  limit: Int }
`);

const covered = (contract: string) => contractGaps(buildSchema(contract), SERVED);

describe("contractGaps", () => {
  it("is empty when the served schema covers the contract (and holds more)", () => {
    expect(
      covered(`
        scalar DateTime
        interface Node { id: ID! }
        type Query { me: User  user(id: ID!): User }
        type User implements Node { id: ID!  seenAt: DateTime  tags(first: Int = 10): [String!]! }
        enum Platform { WEB IOS }
        union Result = User
        type Problem { message: String! }
        input Filter { name: String!  limit: Int }
      `),
    ).toEqual([]);
  });

  it("names missing types, fields, arguments, enum values and union members", () => {
    expect(
      covered(`
        type Query { me: User  devices: [String!]!  user(id: ID!, filter: Filter): User }
        type User { id: ID!  email: String }
        type Device { id: ID! }
        enum Platform { WEB TV }
        union Result = User | Device
        input Filter { name: String!  sort: String }
      `),
    ).toEqual([
      "Query.devices is missing",
      'Query.user: argument "filter" is missing',
      "User.email is missing",
      "type Device is missing",
      "Platform.TV (enum value) is missing",
      "Result has no member Device",
      'Filter: input field "sort" is missing',
    ]);
  });

  it("names different types, nullability, kinds, defaults and interfaces", () => {
    expect(
      covered(`
        interface Node { id: ID! }
        type Query { me: User!  user(id: ID): User }
        type User implements Node { id: ID!  name: String!  tags(first: Int = 5): [String!]! }
        type Platform { id: ID! }
        input Filter { name: String  limit: Int! }
      `),
    ).toEqual([
      "Query.me is User, the contract says User!",
      'Query.user: argument "id" is ID!, the contract says ID',
      "User.name is String, the contract says String!",
      'User.tags: argument "first" defaults to 10, the contract says 5',
      "Platform is an enum, the contract says an object type",
      'Filter: input field "name" is String!, the contract says String',
      'Filter: input field "limit" is Int, the contract says Int!',
    ]);
  });

  it("refuses an extra required argument or input field", () => {
    expect(covered(`type Query { user(after: String): User }  type User { id: ID! }`)).toEqual(['Query.user: required argument "id" is not in the contract']);
    expect(covered(`type Query { me: User }  type User { id: ID! }  input Filter { limit: Int }`)).toEqual(['Filter: required input field "name" is not in the contract']);
  });

  it("checks the root types' names", () => {
    expect(contractGaps(buildSchema(`type Query { me: Int }  type Subscription { tick: Int }`), buildSchema(`type Query { me: Int }`))).toEqual([
      "the subscription root type is missing, the contract says Subscription",
      "type Subscription is missing",
    ]);
  });
});
