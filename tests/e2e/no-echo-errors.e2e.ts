// The contract: no response, log line or error shows the sender's own input values (tax ids,
// passwords, answers, codes, tokens) echoed back; production gives no "Did you mean" hints.
import { contractOperation } from "../../packages/cli/src/contract-operations";
import { TestSystem } from "../support/system";

const TAX_ID = "900-55-1234";
const PASSWORD = "Quiet-Harbor-Secret-91";
const ANSWER = "Biscuit-The-Secret-Dog";
const CODE = "493817";
const TOKEN_LIKE = "Quiet_Harbor_Secret_91";
const SECRETS = [TAX_ID, "900551234", PASSWORD, ANSWER, CODE, TOKEN_LIKE];

const enrollInput = (extra: Record<string, unknown> = {}) => ({
  accountType: "BANK",
  taxId: TAX_ID,
  accountNumber: "2100000999",
  username: "echo.test",
  password: PASSWORD,
  securityAnswers: [
    { questionId: "Q1", answer: ANSWER },
    { questionId: "Q2", answer: ANSWER },
    { questionId: "Q3", answer: ANSWER },
  ],
  ...extra,
});
const enroll = (input: Record<string, unknown>) => ({ query: contractOperation("Enroll"), operationName: "Enroll", variables: { input } });

/** Every line the services log while the suite runs (at debug level), kept from the test output. */
function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}

async function send(system: TestSystem, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(system.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("errors never echo input", () => {
  let system: TestSystem;
  let logs: ReturnType<typeof captureLogs>;
  beforeAll(async () => {
    logs = captureLogs();
    system = await TestSystem.start({ logLevel: "debug" });
  });
  afterAll(async () => {
    await system?.stop();
    logs.restore();
  });

  it.each<[string, unknown, RegExp]>([
    ["an unknown input field (the whole input was quoted)", enroll(enrollInput({ foo: 1 })), /Field "foo" is not defined by type "EnrollInput"/],
    ["a number where text goes", enroll(enrollInput({ taxId: 900551234 })), /at "input\.taxId"; String cannot represent a non string value\./],
    ["an object where text goes", enroll(enrollInput({ password: { value: PASSWORD } })), /at "input\.password"; String cannot represent a non string value\./],
    ["a wrong value deep in a list", enroll(enrollInput({ securityAnswers: [{ questionId: "Q1", answer: [ANSWER] }] })), /at "input\.securityAnswers\[0\]\.answer"/],
    ["an enum value that does not exist", enroll(enrollInput({ accountType: `BANK-${CODE}` })), /at "input\.accountType"; Value does not exist in "AccountType" enum\./],
    [
      "a literal of the wrong type",
      { query: `mutation { enroll(input: { accountType: BANK, taxId: 900551234, username: "u", password: "${PASSWORD}", securityAnswers: [] }) { __typename } }` },
      /String cannot represent a non string value\./,
    ],
    [
      "a literal object where text goes",
      { query: `mutation { login(input: { username: "u", password: { p: "${PASSWORD}" } }) { __typename } }` },
      /String cannot represent a non string value\./,
    ],
    ["a syntax error at a string", { query: `{ me "${PASSWORD}" }` }, /^Syntax Error: Expected Name, found String\.$/],
    ["a syntax error at a name", { query: `{ me { id } } ${TOKEN_LIKE}` }, /^Syntax Error: Unexpected Name\.$/],
    ["a syntax error at a number", { query: `{ me { id } } ${CODE}` }, /^Syntax Error: Unexpected Int\.$/],
  ])("answers %s with a 4xx naming the place, not the value", async (_, body, expected) => {
    const { status, text } = await send(system, body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expectNoSecret(text);
    const [error] = JSON.parse(text).errors;
    expect(error.message).toMatch(expected);
    expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"]).toContain(error.extensions.code);
  });

  it("still helps outside production: suggestions of schema names stay", async () => {
    const { text } = await send(system, enroll(enrollInput({ accountType: "AUTOX" })));
    expect(JSON.parse(text).errors[0].message).toBe(
      'Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum. Did you mean the enum value "AUTO"?',
    );
  });

  it("logs none of the values either", () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expectNoSecret(logs.lines.join(""));
  });
});

describe("errors in production", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ nodeEnv: "production", production: true });
  });
  afterAll(() => system?.stop());

  it("give no suggestions for an enum value, nor echo it", async () => {
    const { status, text } = await send(system, enroll(enrollInput({ accountType: "AUTOX" })));
    expect(status).toBe(400);
    expect(text).not.toContain("AUTOX");
    expect(text).not.toContain("Did you mean");
    expectNoSecret(text);
    expect(JSON.parse(text).errors[0]).toMatchObject({
      message: 'Variable "$input" got invalid value at "input.accountType"; Value does not exist in "AccountType" enum.',
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("give no suggestions for an unknown input field", async () => {
    const { text } = await send(system, enroll(enrollInput({ pasword: PASSWORD })));
    expect(text).not.toContain("Did you mean");
    expectNoSecret(text);
  });

  it("give no suggestions for a field of the document", async () => {
    const { text } = await send(system, { query: "{ securityQuestionCatalg { id } }" });
    expect(text).not.toContain("Did you mean");
  });
});
