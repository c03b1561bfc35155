import { printSubgraphSchema } from "@apollo/subgraph";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isUnionType,
} from "graphql";
import { buildVehicleAccountSchema } from "./schema";

// The public contract as the project keeps it.
const contract = buildSchema(readFileSync(join(__dirname, "../../../schema/contract/api.graphql"), "utf8"));

// What vehicle-account serves of the public API.
const OWNED_TYPES = [
  "VehicleAccount",
  "Vehicle",
  "SnapshotEligibility",
  "ContractType",
  "AccountStatus",
  "HolderRole",
  "IneligibilityReason",
  "AddVehicleInput",
  "AddVehicleResult",
  "VehicleAdded",
  "AddVehicleRejected",
  "AddVehicleRejection",
];

/** What a description is compared as: the served one as it is, or what the contract asks of it. */
type Described = (description: string | null | undefined) => unknown;
const served: Described = (description) => description ?? null;
// The contract's descriptions word for word; where it has none, one of the project's own (every
// public member is described: tests/schema/descriptions.test.ts).
const promised: Described = (description) => description ?? expect.any(String);

function describeType(type: GraphQLNamedType | undefined | null, described: Described): unknown {
  if (!type) return null;
  const field = (f: GraphQLField<unknown, unknown> | GraphQLInputField) => ({
    type: String(f.type),
    description: described(f.description),
    args: "args" in f ? f.args.map((arg) => `${arg.name}: ${String(arg.type)}`) : [],
  });
  if (isObjectType(type) || isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, field(f)]));
  }
  if (isEnumType(type)) return type.getValues().map((value) => [value.name, described(value.description)]);
  if (isUnionType(type)) return type.getTypes().map((member) => member.name);
  return type.toString();
}

describe("vehicle-account subgraph schema", () => {
  let schema: GraphQLSchema;
  let sdl: string;

  beforeAll(async () => {
    schema = await buildVehicleAccountSchema();
    sdl = printSubgraphSchema(schema);
  });

  it("has the federation directives in its SDL", () => {
    expect(sdl).toMatch(/extend schema\s+@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.7"/);
    expect(sdl).toMatch(/type VehicleAccount\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/customerId: ID! @external/);
    expect(sdl).toMatch(/vehicleAccounts: \[VehicleAccount!\]! @requires\(fields: "customerId"\)/);
    expect(sdl).toMatch(/enrollmentAccountCheck\(customerId: ID!, accountNumber: String, vin: String\): EnrollmentAccountCheck @inaccessible/);
    expect(sdl).toMatch(/addToSnapshot\(userId: ID!, accountId: ID!\): Boolean! @inaccessible/);
    expect(sdl).toMatch(/clearSnapshot\(userId: ID!\): Boolean! @inaccessible/);
    expect(sdl).toMatch(/type EnrollmentAccountCheck\s+@inaccessible/);
    expect(sdl).toMatch(/addVehicle\(\s*"""[^"]*"""\s*input: AddVehicleInput!\s*\): AddVehicleResult!\n/);
  });

  it("never has a field for the full account number or VIN", () => {
    const account = schema.getType("VehicleAccount");
    const vehicle = schema.getType("Vehicle");
    if (!isObjectType(account) || !isObjectType(vehicle)) throw new Error("missing types");
    expect(Object.keys(account.getFields())).not.toContain("accountNumber");
    expect(Object.keys(vehicle.getFields())).not.toContain("vin");
  });

  it.each(OWNED_TYPES)("serves %s exactly as the contract writes it", (name) => {
    expect(describeType(schema.getType(name), served)).toEqual(describeType(contract.getType(name), promised));
  });

  it("serves addVehicle and User.vehicleAccounts as the contract writes them", () => {
    const pick = (s: GraphQLSchema, type: string, field: string) => {
      const object = s.getType(type);
      if (!isObjectType(object)) throw new Error(`no ${type}`);
      const f = object.getFields()[field];
      return { type: String(f.type), description: f.description, args: f.args.map((arg) => `${arg.name}: ${String(arg.type)}`) };
    };
    expect(pick(schema, "Mutation", "addVehicle")).toEqual(pick(contract, "Mutation", "addVehicle"));
    expect(pick(schema, "User", "vehicleAccounts")).toEqual(pick(contract, "User", "vehicleAccounts"));
  });
});
