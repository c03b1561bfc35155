import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

// The shape of identity's code that docs/decisions/0019 describes, read from the sources.

const SRC = join(__dirname, "..");

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [relative(SRC, path)] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(join(SRC, file), "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1]);
}

// The files of the contract's types: GraphQL classes, inputs and enums registered for the schema.
const GRAPHQL_FILE = /\.(resolver|results?|type|inputs?|args|plugin)\.ts$/;
// Where the request's context is read: the resolvers, and the parts they share.
const WIRING = new Set(["context.ts", "server.ts", "access.ts", "request-ports.ts"]);

const all = sources(SRC);
// The flows, and the steps of the modules' resolvers that work like them.
const MODULE_FLOWS = ["modules/session/sign-out.ts", "modules/session/end-one-session.ts", "modules/session/end-device-sessions.ts", "modules/support/support-unlock.ts"];
const flowCode = all.filter((file) => (file.startsWith("flows/") && !GRAPHQL_FILE.test(file)) || MODULE_FLOWS.includes(file));
const speakingCode = all.filter((file) => (file.startsWith("flows/") || file.startsWith("modules/")) && !GRAPHQL_FILE.test(file));

describe("identity's flows", () => {
  it("are found", () => {
    expect(flowCode).toEqual(expect.arrayContaining(["flows/login/login.flow.ts", "flows/step-up/verify-step-up.flow.ts", "modules/session/sign-out.ts"]));
  });

  it("never see the request's context or the services: only resolvers build what a flow uses", () => {
    const readers = all.filter((file) => !WIRING.has(file) && !file.endsWith(".resolver.ts") && importsOf(file).some((from) => /\/(context|services)$/.test(from)));
    expect(readers).toEqual([]);
  });

  it("return plain unions: no GraphQL class, input or type-graphql in a flow", () => {
    const graphqlImports = flowCode.flatMap((file) =>
      importsOf(file)
        .filter((from) => from === "type-graphql" || GRAPHQL_FILE.test(`${from}.ts`))
        .map((from) => `${file} imports ${from}`),
    );
    // Enums registered for the schema are plain values, allowed (account-type, session-delivery, step-up-method, ...).
    expect(graphqlImports.filter((line) => !/(enum|account-type|session-delivery|step-up-method|device-platform|security-event-kind|enrollment-rejection)/.test(line))).toEqual([]);
  });

  it("say nothing to a person themselves: every sentence of an answer is in the catalog (modules/messages), every notice in message-texts", () => {
    const sentence = /["`][A-Z][^"`\n]* [^"`\n]*[.!?]["`]/;
    // A fault keeps its words where it is thrown (BAD_USER_INPUT names the rule broken).
    const speaks = (line: string) => sentence.test(line) && !/description|badUserInput\(/.test(line);
    const speakers = speakingCode
      .filter((file) => file !== "modules/messages/messages.ts" && file !== "modules/notice/message-texts.ts")
      .filter((file) => readFileSync(join(SRC, file), "utf8").split("\n").some(speaks));
    expect(speakers).toEqual([]);
  });
});
