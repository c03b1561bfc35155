// Sandbox users read the API from its descriptions: every public member of the composed API
// schema has one, the contract's own are served word for word, and a member several subgraphs
// declare reads the same in each. Read from the committed schema files, which
// supergraph.test.ts holds to what `npm run compose` writes now.
import { readFileSync } from "node:fs";
import { parse, printSchema } from "graphql";
import { apiSchemaOf } from "../../packages/cli/src/schema/api-schema";
import { schemaPath, SUBGRAPHS, SUPERGRAPH_FILE_NAME } from "../../packages/cli/src/schema/compose-supergraph";
import { descriptionsUnlikeContract, inconsistentDescriptions, schemaMembers, undescribed } from "../../packages/cli/src/schema/schema-descriptions";

const read = (file: string) => readFileSync(schemaPath(file), "utf8");

describe("the API schema's descriptions", () => {
  // Without @inaccessible members: what the gateway serves and Sandbox shows.
  const api = schemaMembers(parse(printSchema(apiSchemaOf(read(SUPERGRAPH_FILE_NAME)))));
  const contract = schemaMembers(parse(read("contract/api.graphql")));

  it("describe every type, field, argument, input field and enum value", () => {
    const missing = undescribed(api);
    // The count says how far off it is; the list says where.
    expect({ described: `${api.length - missing.length} of ${api.length}`, undescribed: missing }).toEqual({
      described: `${api.length} of ${api.length}`,
      undescribed: [],
    });
    // Every member of the contract is among them (supergraph.test.ts checks their types).
    expect(api.length).toBeGreaterThanOrEqual(contract.length);
  });

  it("are the contract's own, word for word, where it has them", () => {
    expect(contract.filter((member) => member.description !== null).length).toBeGreaterThan(0);
    expect(descriptionsUnlikeContract(contract, api)).toEqual([]);
  });

  it("read the same in every subgraph that declares the member", () => {
    const subgraphs = Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, schemaMembers(parse(read(subgraph.file)))]));
    expect(inconsistentDescriptions(subgraphs)).toEqual([]);
  });
});
