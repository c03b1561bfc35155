import { parse } from "graphql";
import { descriptionsUnlikeContract, inconsistentDescriptions, schemaMembers, undescribed } from "./schema-descriptions";

const members = (sdl: string) => schemaMembers(parse(sdl));

describe("schemaMembers and undescribed", () => {
  it("names every undescribed type, field, argument, input field and enum value (a blank description is none)", () => {
    const found = members(`
      "Described." scalar DateTime
      scalar Plain
      type Query { "Described." me(id: ID!, "Described." after: String): User  other: Int }
      type User { "" name: String }
      interface Node { id: ID! }
      union Result = User
      input Filter { "Described." name: String  limit: Int }
      enum Platform { "Described." WEB  IOS }
      extend type User { extra: Int }
      directive @internal on FIELD_DEFINITION
    `);
    expect(undescribed(found)).toEqual([
      "Plain",
      "Query",
      "Query.me(id)",
      "Query.other",
      "User",
      "User.name",
      "Node",
      "Node.id",
      "Result",
      "Filter",
      "Filter.limit",
      "Platform",
      "Platform.IOS",
    ]);
  });

  it("is empty when everything is described", () => {
    expect(undescribed(members(`"The root." type Query { "A field." me("An argument." id: ID): Int }  "Kinds." enum Kind { "One." ONE }`))).toEqual([]);
  });
});

describe("descriptionsUnlikeContract", () => {
  it("names a description the contract has that is served otherwise or not at all, and ignores what it leaves undescribed", () => {
    const contract = members(`type Query { "The signed-in user." me: Int  "The catalog." catalog: Int  other: Int }`);
    const served = members(`type Query { "The signed in user." me: Int  catalog: Int  "Anything." other: Int }`);
    expect(descriptionsUnlikeContract(contract, served)).toEqual([
      'Query.me: the contract says "The signed-in user.", served "The signed in user."',
      'Query.catalog: the contract says "The catalog.", served null',
    ]);
    expect(descriptionsUnlikeContract(contract, contract)).toEqual([]);
  });
});

describe("inconsistentDescriptions", () => {
  it("names a member described differently, or only in some of the subgraphs that declare it", () => {
    expect(
      inconsistentDescriptions({
        a: members(`"A person." type User { "Its id." id: ID!  "Name." name: String }`),
        b: members(`"A person." type User { "The id." id: ID! }`),
        c: members(`type User { "Its id." id: ID! }  type Other { x: Int }`),
      }),
    ).toEqual(['User: a "A person."; b "A person."; c has none', 'User.id: a "Its id."; b "The id."; c "Its id."']);
  });

  it("is empty when every shared member reads the same everywhere", () => {
    const same = `"A person." type User { "Its id." id: ID! }`;
    expect(inconsistentDescriptions({ a: members(same), b: members(`${same} type Only { x: Int }`) })).toEqual([]);
  });
});
