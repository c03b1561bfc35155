/**
 * Loads graphql-js in production mode, whatever NODE_ENV says. graphql decides once, as it loads,
 * from NODE_ENV: in any other mode every type test that fails (`isObjectType` and the like, many
 * per field) also compares class names, to catch a second copy of graphql in node_modules. One
 * lock file rules that out; in development mode (docker/compose.yaml's default, npm start) the
 * check cost a subgraph about a tenth of its time. Every entry point calls this through its
 * `tracing.ts`, before anything loads graphql (decision 0024); tests keep the check. Once graphql
 * has loaded this changes nothing.
 */
export function loadGraphqlInProductionMode(): void {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    // Required, not imported: loaded here, in this mode, before anyone imports it.
    require("graphql");
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Whether the graphql this process loaded runs in production mode (a look-alike of one of its types is then simply not one). */
export function graphqlInProductionMode(): boolean {
  // The copy already loaded.
  const { isObjectType } = require("graphql") as typeof import("graphql");
  try {
    isObjectType({ [Symbol.toStringTag]: "GraphQLObjectType" });
    return true;
  } catch {
    return false;
  }
}
