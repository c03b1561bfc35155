// The committed schema files against what `npm run compose` produces now, and the composed API
// schema against the contract (schema/contract/api.graphql and operations/).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLSchema, isObjectType, parse, validate } from "graphql";
import { apiSchemaOf } from "../../packages/cli/src/schema/api-schema";
import { type ComposedSchemas, composeSchemas, schemaPath, SUPERGRAPH_FILE_NAME } from "../../packages/cli/src/schema/compose-supergraph";
import { contractGaps } from "../../packages/cli/src/schema/contract-coverage";

const CONTRACT_DIR = schemaPath("contract");
const OPERATIONS_DIR = path.join(CONTRACT_DIR, "operations");

function committed(file: string): string | null {
  try {
    return readFileSync(schemaPath(file), "utf8");
  } catch {
    return null;
  }
}

describe("schema/", () => {
  let composed: ComposedSchemas;
  let api: GraphQLSchema;

  beforeAll(async () => {
    // Throws (and so fails every test below) when composition fails, with its errors.
    composed = await composeSchemas();
    api = apiSchemaOf(composed.supergraph);
  });

  it("composes, and the committed SDL files are what `npm run compose` writes now", () => {
    const files = { ...composed.subgraphs, [SUPERGRAPH_FILE_NAME]: composed.supergraph };
    const stale = Object.entries(files)
      .filter(([file, text]) => committed(file) !== text)
      .map(([file]) => `schema/${file}`);
    expect({ stale, fix: "run npm run compose and commit schema/" }).toEqual({ stale: [], fix: "run npm run compose and commit schema/" });
  });

  it("serves every type, field, argument, enum value and union member of the contract's api.graphql", () => {
    const contract = buildSchema(readFileSync(path.join(CONTRACT_DIR, "api.graphql"), "utf8"));
    expect(contractGaps(contract, api)).toEqual([]);
  });

  it("keeps internal fields out of the API schema", () => {
    // Spot checks of @inaccessible (docs/architecture.md): in the supergraph, never served to clients.
    for (const internal of ["customerId: ID! @inaccessible", "registerDevice(", "enrollmentAccountCheck(", "addToSnapshot("]) {
      expect(composed.supergraph).toContain(internal);
    }
    const user = api.getType("User");
    expect(isObjectType(user) && Object.keys(user.getFields())).not.toContain("customerId");
    const mutations = Object.keys(api.getMutationType()?.getFields() ?? {});
    for (const internal of ["registerDevice", "useTrustedDevice", "addToSnapshot", "clearSnapshot"]) expect(mutations).not.toContain(internal);
    expect(Object.keys(api.getQueryType()?.getFields() ?? {})).not.toContain("enrollmentAccountCheck");
    for (const internal of ["DeviceRegistration", "EnrollmentAccountCheck"]) expect(api.getType(internal)).toBeUndefined();
  });

  const operationFiles = readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .sort();

  it("has contract operations to check", () => {
    expect(operationFiles.length).toBeGreaterThan(0);
  });

  it.each(operationFiles)("validates operations/%s against the composed API schema", (file) => {
    const document = parse(readFileSync(path.join(OPERATIONS_DIR, file), "utf8"));
    expect(validate(api, document).map((error) => error.message)).toEqual([]);
  });
});
