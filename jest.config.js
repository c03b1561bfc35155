// One jest run covers every workspace: unit tests (*.test.ts) beside the code, end-to-end
// tests (*.e2e.ts) under tests/. Sources run through swc, which keeps decorator metadata.
const swc = [
  "@swc/jest",
  {
    jsc: {
      target: "es2022",
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": swc },
  testMatch: ["<rootDir>/**/src/**/*.test.ts", "<rootDir>/tests/**/*.e2e.ts", "<rootDir>/tests/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  moduleNameMapper: {
    "^@oa/platform/testing$": "<rootDir>/packages/platform/src/testing",
    "^@oa/platform/tracing$": "<rootDir>/packages/platform/src/tracing",
    "^@oa/platform$": "<rootDir>/packages/platform/src",
    "^@oa/client$": "<rootDir>/packages/client/src",
    // ES module sources (packages/client) import "./x.js", which is x.ts here.
    "^(\\.{1,2}/.*)\\.js$": "$1",
    "^@oa/identity$": "<rootDir>/subgraphs/identity/src/server",
    "^@oa/device-trust$": "<rootDir>/subgraphs/device-trust/src/server",
    "^@oa/vehicle-account$": "<rootDir>/subgraphs/vehicle-account/src/server",
    "^@oa/gateway$": "<rootDir>/gateway/src/server",
  },
  setupFiles: ["reflect-metadata"],
  testTimeout: 60000,
};
