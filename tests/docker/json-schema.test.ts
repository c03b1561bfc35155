import { UnsupportedSchemaError, validateJson } from "./json-schema";

const SCHEMA = {
  type: "object",
  required: ["services"],
  properties: {
    name: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" },
    services: { type: "object", patternProperties: { "^[a-z]+$": { $ref: "#/$defs/service" } }, additionalProperties: false },
  },
  patternProperties: { "^x-": {} },
  additionalProperties: false,
  $defs: {
    service: {
      type: "object",
      properties: {
        image: { type: "string" },
        replicas: { type: "integer", minimum: 0, maximum: 10 },
        restart: { type: "string", enum: ["no", "always"] },
        ports: { type: "array", items: { type: ["string", "number"] }, uniqueItems: true },
        command: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
        healthcheck: {
          oneOf: [
            { type: "object", properties: { test: { type: "string" } } },
            { type: "object", properties: { disable: { type: "boolean" } } },
          ],
        },
      },
      additionalProperties: false,
    },
  },
};

describe("validateJson", () => {
  it("accepts a document the schema allows, extension fields included", () => {
    expect(
      validateJson(SCHEMA, {
        name: "online-access",
        "x-anchor": { anything: true },
        services: { web: { image: "web:1", replicas: 2, restart: "always", ports: ["4000:4000", 9000], command: ["node", "index.js"] } },
      }),
    ).toEqual([]);
  });

  it("names every problem with a JSON pointer to it", () => {
    expect(
      validateJson(SCHEMA, {
        name: "Online Access",
        nmae: "typo",
        services: {
          web: { image: 4, replicas: 2.5, restart: "sometimes", ports: ["4000:4000", "4000:4000"], cmd: "node" },
          Api: { image: "api" },
          db: { replicas: 11 },
        },
      }),
    ).toEqual([
      '/name: must match ^[a-z0-9][a-z0-9_-]*$, is "Online Access"',
      "/nmae: is not allowed here",
      "/services/web/image: must be string, is 4",
      "/services/web/replicas: must be integer, is 2.5",
      '/services/web/restart: must be one of "no", "always", is "sometimes"',
      "/services/web/ports: must not repeat an item",
      "/services/web/cmd: is not allowed here",
      "/services/Api: is not allowed here",
      "/services/db/replicas: must be at most 10, is 11",
    ]);
    expect(validateJson(SCHEMA, {})).toEqual(['/: must have "services"']);
  });

  it("holds oneOf to exactly one match", () => {
    expect(validateJson(SCHEMA, { services: { web: { command: 42 } } })).toEqual([
      "/services/web/command: matches none of the schemas of a oneOf; the closest says:",
      "  /services/web/command: must be string, is 42",
    ]);
    // Both objects match an empty healthcheck.
    expect(validateJson(SCHEMA, { services: { web: { healthcheck: {} } } })).toEqual(["/services/web/healthcheck: matches 2 of the schemas of a oneOf, must match exactly one"]);
  });

  it("refuses, up front, a schema with a keyword it does not check", () => {
    const newer = { ...SCHEMA, $defs: { service: { ...SCHEMA.$defs.service, minProperties: 1 } } };
    expect(() => validateJson(newer, { services: {} })).toThrow(UnsupportedSchemaError);
    expect(() => validateJson(newer, { services: {} })).toThrow('the schema uses "minProperties" at /$defs/service');
  });
});
