import { GraphQLError } from "graphql";
import { maskErrors } from "./errors";
import { createLogger } from "./logger";

const TAX_ID = "123456789";
const ENUM_TYPO = 'Variable "$input" got invalid value "AUTOX" at "input.accountType"; Value "AUTOX" does not exist in "AccountType" enum. Did you mean the enum value "AUTO"?';

function formatter(production: boolean) {
  const lines: string[] = [];
  const format = maskErrors(
    createLogger("debug", {}, (line) => lines.push(line)),
    { production },
  );
  return { lines, format: (message: string, code?: string) => format({ message, extensions: code ? { code } : undefined }, new GraphQLError(message)) };
}

describe("maskErrors and input values", () => {
  it.each(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_REQUEST"])("drops the values graphql quoted in a %s message, and logs nothing", (code) => {
    const { lines, format } = formatter(false);
    const message = `Variable "$input" got invalid value { taxId: "${TAX_ID}", foo: 1 }; Field "foo" is not defined by type "EnrollInput".`;
    expect(format(message, code)).toEqual({ message: 'Variable "$input" got invalid value; Field "foo" is not defined by type "EnrollInput".', extensions: { code } });
    expect(lines).toEqual([]);
  });

  it("keeps suggestions outside production, and gives none in production", () => {
    expect(formatter(false).format(ENUM_TYPO, "BAD_USER_INPUT").message).toBe(
      'Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum. Did you mean the enum value "AUTO"?',
    );
    expect(formatter(true).format(ENUM_TYPO, "BAD_USER_INPUT").message).toBe(
      'Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum.',
    );
    expect(formatter(true).format('Cannot query field "mee" on type "Query". Did you mean "me"?', "GRAPHQL_VALIDATION_FAILED").message).toBe(
      'Cannot query field "mee" on type "Query".',
    );
  });

  it("gives no suggestions when not told it runs outside production", () => {
    const format = maskErrors(createLogger("silent"));
    expect(format({ message: ENUM_TYPO, extensions: { code: "BAD_USER_INPUT" } }, new GraphQLError(ENUM_TYPO)).message).not.toContain("Did you mean");
  });

  it("masks an unexpected error, and logs its detail without the values graphql quoted", () => {
    const { lines, format } = formatter(true);
    const answer = format(`String cannot represent a non string value: ${TAX_ID}`);
    expect(answer).toMatchObject({ message: "Something went wrong. Please try again.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ message: "unexpected error", detail: "String cannot represent a non string value." });
    expect(lines[0]).not.toContain(TAX_ID);
  });
});
