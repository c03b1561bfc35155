import { graphql, GraphQLObjectType, GraphQLSchema } from "graphql";
import { DateTimeScalar } from "./date-time";

describe("DateTimeScalar", () => {
  it("is printed as the contract's DateTime", () => {
    expect(DateTimeScalar.name).toBe("DateTime");
  });

  it("serialises a Date as ISO-8601 in UTC with milliseconds", () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 10, 27, 22, 17, 31)))).toBe("2026-11-27T22:17:31.000Z");
  });

  it("refuses to serialise an invalid date or a non-date", () => {
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow();
    expect(() => DateTimeScalar.serialize(42)).toThrow();
  });

  it("parses ISO-8601 strings with an offset, and nothing else", () => {
    expect(DateTimeScalar.parseValue("2026-11-27T23:17:31+01:00")).toEqual(new Date("2026-11-27T22:17:31.000Z"));
    for (const bad of ["2026-11-27", "2026-11-27T22:17:31", "yesterday", "2026-13-40T99:99:99Z", 1764281851000]) {
      expect(() => DateTimeScalar.parseValue(bad)).toThrow();
    }
  });

  it("parses a literal in a document", async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: "Query",
        fields: {
          echo: { type: DateTimeScalar, args: { at: { type: DateTimeScalar } }, resolve: (_, args: { at: Date }) => args.at },
        },
      }),
    });
    const result = await graphql({ schema, source: '{ echo(at: "2026-11-27T22:17:31.5Z") }' });
    expect(result).toEqual({ data: { echo: "2026-11-27T22:17:31.500Z" } });
    const bad = await graphql({ schema, source: "{ echo(at: 5) }" });
    expect(bad.errors).toHaveLength(1);
  });
});
