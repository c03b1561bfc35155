import { execFileSync } from "node:child_process";
import path from "node:path";

// graphql decides its mode once per process, as it loads: each case runs in a fresh Node process,
// from the build (npm test builds first).
const ROOT = path.resolve(__dirname, "../../..");
const TRACING = path.join(ROOT, "packages/platform/dist/tracing.js");

function inFreshProcess(code: string, env: Record<string, string | undefined>): unknown {
  const output = execFileSync(process.execPath, ["-e", code], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
  return JSON.parse(output);
}

describe("loadGraphqlInProductionMode", () => {
  it("loads graphql in production mode under NODE_ENV=development, and leaves NODE_ENV as it was", () => {
    const code = `const t = require(${JSON.stringify(TRACING)}); t.loadGraphqlInProductionMode();
      console.log(JSON.stringify({ production: t.graphqlInProductionMode(), nodeEnv: process.env.NODE_ENV ?? null }))`;
    expect(inFreshProcess(code, { NODE_ENV: "development" })).toEqual({ production: true, nodeEnv: "development" });
    expect(inFreshProcess(code, { NODE_ENV: undefined })).toEqual({ production: true, nodeEnv: null });
  });

  it("is what turns the check off: graphql loaded first under NODE_ENV=development checks for a second copy", () => {
    const code = `require("graphql"); console.log(JSON.stringify(require(${JSON.stringify(TRACING)}).graphqlInProductionMode()))`;
    expect(inFreshProcess(code, { NODE_ENV: "development" })).toBe(false);
  });

  it.each(["gateway", "subgraphs/identity", "subgraphs/device-trust", "subgraphs/vehicle-account", "packages/cli"])(
    "is done by %s's tracing.ts, the first module its entry points load",
    (service) => {
      const code = `require(${JSON.stringify(path.join(ROOT, service, "dist/tracing.js"))});
        console.log(JSON.stringify(require(${JSON.stringify(TRACING)}).graphqlInProductionMode()))`;
      expect(inFreshProcess(code, { NODE_ENV: "development" })).toBe(true);
    },
  );
});
