import { DEV_ONLY_GATEWAY_SECRET, DEV_ONLY_LOOKUP_KEY, DEV_ONLY_TAX_ID_KEY, loadSettings, SettingsError } from "./settings";

const REAL = {
  GATEWAY_SECRET: "a-production-secret-of-at-least-32-characters",
  TAX_ID_ENCRYPTION_KEY: "11".repeat(32),
  LOOKUP_HMAC_KEY: "22".repeat(32),
};

describe("loadSettings", () => {
  it("gives the contract's defaults", () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      gatewayPort: 4000,
      identityUrl: "http://127.0.0.1:4001/graphql",
      redisKeyPrefix: "oa:",
      lockoutMaxFailures: 5,
      lockoutSeconds: 1800,
      securityCodeTtlSeconds: 600,
      stepUpMaxAttempts: 5,
      sessionTtlSeconds: 900,
      supportPhone: "1-833-226-1520",
      databaseUrl: undefined,
      redisUrl: undefined,
      messageOutboxFile: undefined,
    });
    expect(settings.authorizedCreditors).toHaveLength(4);
  });

  it("refuses a setting out of range with its name", () => {
    expect(() => loadSettings({ LOCKOUT_MAX_FAILURES: "0" })).toThrow(/LOCKOUT_MAX_FAILURES/);
    expect(() => loadSettings({ GATEWAY_PORT: "http" })).toThrow(SettingsError);
  });

  it("needs every secret in production, and refuses the public dev-only values there", () => {
    expect(() => loadSettings({ NODE_ENV: "production", ...REAL })).not.toThrow();
    expect(() => loadSettings({ NODE_ENV: "production", ...REAL, GATEWAY_SECRET: undefined })).toThrow(/GATEWAY_SECRET/);
    expect(() => loadSettings({ NODE_ENV: "production", ...REAL, LOOKUP_HMAC_KEY: undefined })).toThrow(/LOOKUP_HMAC_KEY/);
    expect(() => loadSettings({ NODE_ENV: "production", ...REAL, GATEWAY_SECRET: DEV_ONLY_GATEWAY_SECRET })).toThrow(/dev-only/);
    expect(() => loadSettings({ NODE_ENV: "production", ...REAL, TAX_ID_ENCRYPTION_KEY: DEV_ONLY_TAX_ID_KEY })).toThrow(/dev-only/);
    expect(() => loadSettings({ NODE_ENV: "production", ...REAL, LOOKUP_HMAC_KEY: DEV_ONLY_LOOKUP_KEY })).toThrow(/dev-only/);
  });
});
