import { DEV_ONLY_GATEWAY_SECRET, DEV_ONLY_LOOKUP_KEY, DEV_ONLY_SUPPORT_SECRET, DEV_ONLY_TAX_ID_KEY, loadSettings, loadSupportDeskSettings, SettingsError } from "./settings";

const REAL = {
  GATEWAY_SECRET: "a-production-secret-of-at-least-32-characters",
  SUPPORT_SECRET: "a-support-desk-secret-of-at-least-32-characters",
  TAX_ID_ENCRYPTION_KEY: "11".repeat(32),
  LOOKUP_HMAC_KEY: "22".repeat(32),
};
/** What a production service is given: the secrets and a Redis of its own. */
const IN_PRODUCTION = { NODE_ENV: "production", ...REAL, REDIS_URL: "redis://redis.internal:6379" };

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
    expect(() => loadSettings({ ...IN_PRODUCTION })).not.toThrow();
    expect(() => loadSettings({ ...IN_PRODUCTION, GATEWAY_SECRET: undefined })).toThrow(/GATEWAY_SECRET/);
    expect(() => loadSettings({ ...IN_PRODUCTION, LOOKUP_HMAC_KEY: undefined })).toThrow(/LOOKUP_HMAC_KEY/);
    expect(() => loadSettings({ ...IN_PRODUCTION, GATEWAY_SECRET: DEV_ONLY_GATEWAY_SECRET })).toThrow(/dev-only/);
    expect(() => loadSettings({ ...IN_PRODUCTION, TAX_ID_ENCRYPTION_KEY: DEV_ONLY_TAX_ID_KEY })).toThrow(/dev-only/);
    expect(() => loadSettings({ ...IN_PRODUCTION, LOOKUP_HMAC_KEY: DEV_ONLY_LOOKUP_KEY })).toThrow(/dev-only/);
    expect(() => loadSettings({ ...IN_PRODUCTION, SUPPORT_SECRET: undefined })).toThrow(/SUPPORT_SECRET must be set in production/);
    expect(() => loadSettings({ ...IN_PRODUCTION, SUPPORT_SECRET: DEV_ONLY_SUPPORT_SECRET })).toThrow(/SUPPORT_SECRET is the public dev-only value/);
  });

  it("needs REDIS_URL in production, where no service may keep sessions and counters to itself", () => {
    expect(() => loadSettings({ ...IN_PRODUCTION, REDIS_URL: undefined })).toThrow(/^REDIS_URL must be set in production/);
    expect(loadSettings({ ...IN_PRODUCTION, REDIS_URL: "redis+cluster://10.0.0.1:6379,10.0.0.2:6379" }).redisUrl).toBe("redis+cluster://10.0.0.1:6379,10.0.0.2:6379");
    // Outside production the in-process store stays the default.
    expect(loadSettings({}).redisUrl).toBeUndefined();
  });

  it("takes a support secret of its own: at least 32 characters, never the gateway's", () => {
    expect(loadSettings({}).supportSecret).toBe(DEV_ONLY_SUPPORT_SECRET);
    expect(loadSettings(REAL).supportSecret).toBe(REAL.SUPPORT_SECRET);
    expect(() => loadSettings({ ...REAL, SUPPORT_SECRET: "short" })).toThrow("SUPPORT_SECRET must be set, at least 32 characters");
    expect(() => loadSettings({ ...REAL, SUPPORT_SECRET: REAL.GATEWAY_SECRET })).toThrow("SUPPORT_SECRET must differ from GATEWAY_SECRET");
  });

  it("gives the support desk only identity's URL and the support secret, refused where the services refuse it", () => {
    expect(loadSupportDeskSettings({})).toEqual({ identityUrl: "http://127.0.0.1:4001/graphql", supportSecret: DEV_ONLY_SUPPORT_SECRET });
    expect(loadSupportDeskSettings({ IDENTITY_PORT: "5001" }).identityUrl).toBe("http://127.0.0.1:5001/graphql");
    expect(loadSupportDeskSettings({ IDENTITY_URL: "http://identity.internal:4001/graphql", NODE_ENV: "production", SUPPORT_SECRET: REAL.SUPPORT_SECRET })).toEqual({
      identityUrl: "http://identity.internal:4001/graphql",
      supportSecret: REAL.SUPPORT_SECRET,
    });
    // No other secret is needed, even in production.
    expect(() => loadSupportDeskSettings({ NODE_ENV: "production" })).toThrow("SUPPORT_SECRET must be set in production");
    expect(() => loadSupportDeskSettings({ NODE_ENV: "production", SUPPORT_SECRET: DEV_ONLY_SUPPORT_SECRET })).toThrow(/dev-only/);
    expect(() => loadSupportDeskSettings({ HOST: "0.0.0.0" })).toThrow(/SUPPORT_SECRET must be set when HOST/);
  });

  it("listens on loopback by default, where the dev-only secrets are allowed", () => {
    expect(loadSettings({}).host).toBe("127.0.0.1");
    for (const HOST of ["127.0.0.1", "127.0.0.2", "::1", "localhost"]) {
      expect(loadSettings({ HOST }).gatewaySecret).toBe(DEV_ONLY_GATEWAY_SECRET);
    }
  });

  it.each(["0.0.0.0", "::", "192.0.2.2"])("refuses the dev-only secrets when HOST=%s is beyond loopback, as production does", (HOST) => {
    expect(() => loadSettings({ HOST, ...REAL })).not.toThrow();
    expect(loadSettings({ HOST, ...REAL }).host).toBe(HOST);
    const missing = (name: keyof typeof REAL) => () => loadSettings({ HOST, ...REAL, [name]: undefined });
    const devOnly = (name: keyof typeof REAL, value: string) => () => loadSettings({ HOST, ...REAL, [name]: value });
    for (const name of Object.keys(REAL) as (keyof typeof REAL)[]) {
      expect(missing(name)).toThrow(SettingsError);
      expect(missing(name)).toThrow(`${name} must be set when HOST (${HOST}) is beyond loopback: its dev-only default is public`);
    }
    expect(devOnly("GATEWAY_SECRET", DEV_ONLY_GATEWAY_SECRET)).toThrow(
      `GATEWAY_SECRET is the public dev-only value; a service listening beyond loopback (HOST=${HOST}) needs a secret of its own`,
    );
    expect(devOnly("TAX_ID_ENCRYPTION_KEY", DEV_ONLY_TAX_ID_KEY)).toThrow(/^TAX_ID_ENCRYPTION_KEY is the public dev-only value; a service listening beyond loopback/);
    expect(devOnly("LOOKUP_HMAC_KEY", DEV_ONLY_LOOKUP_KEY)).toThrow(/^LOOKUP_HMAC_KEY is the public dev-only value; a service listening beyond loopback/);
    expect(devOnly("SUPPORT_SECRET", DEV_ONLY_SUPPORT_SECRET)).toThrow(/^SUPPORT_SECRET is the public dev-only value; a service listening beyond loopback/);
  });

  it("runs only trusted documents in production unless TRUSTED_DOCUMENTS_ONLY says otherwise, any document elsewhere", () => {
    expect(loadSettings({ ...IN_PRODUCTION }).trustedDocumentsOnly).toBe(true);
    expect(loadSettings({ ...IN_PRODUCTION, TRUSTED_DOCUMENTS_ONLY: "false" }).trustedDocumentsOnly).toBe(false);
    expect(loadSettings({}).trustedDocumentsOnly).toBe(false);
    expect(loadSettings({ TRUSTED_DOCUMENTS_ONLY: " TRUE " }).trustedDocumentsOnly).toBe(true);
    expect(() => loadSettings({ TRUSTED_DOCUMENTS_ONLY: "yes" })).toThrow('TRUSTED_DOCUMENTS_ONLY must be true or false, got "yes"');
  });

  it("names every wrong setting at once, one line each, showing no secret", () => {
    let message = "";
    try {
      loadSettings({ LOCKOUT_SECONDS: "forever", LOG_LEVEL: "loud", WEB_ORIGINS: "https://a.example.com/app", GATEWAY_SECRET: "too-short-a-secret" });
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "GATEWAY_SECRET must be set, at least 32 characters",
      'LOG_LEVEL must be debug, info, warn, error or silent, got "loud"',
      `LOCKOUT_SECONDS must be a whole number from 1 to ${30 * 86400}, got "forever"`,
      'WEB_ORIGINS takes origins such as https://online.example.com separated by ";", got "https://a.example.com/app"',
    ]);
  });

  it("takes TRUSTED_PROXIES as exact IP addresses", () => {
    expect(loadSettings({}).trustedProxies).toEqual([]);
    expect(loadSettings({ TRUSTED_PROXIES: " 10.0.0.5; ::1 ;" }).trustedProxies).toEqual(["10.0.0.5", "::1"]);
    expect(() => loadSettings({ TRUSTED_PROXIES: "10.0.0.0/8" })).toThrow(/TRUSTED_PROXIES takes exact IP addresses/);
    expect(() => loadSettings({ TRUSTED_PROXIES: "proxy.internal" })).toThrow(SettingsError);
  });

  it("takes a Redis Cluster in REDIS_URL, refusing one that does not read without showing it", () => {
    expect(loadSettings({ REDIS_URL: "redis+cluster://10.0.0.1:7000,10.0.0.2:7001" }).redisUrl).toBe("redis+cluster://10.0.0.1:7000,10.0.0.2:7001");
    expect(loadSettings({ REDIS_URL: "redis://:secret@redis:6379/2" }).redisUrl).toBe("redis://:secret@redis:6379/2");
    const refusal = (REDIS_URL: string) => {
      try {
        loadSettings({ REDIS_URL });
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as Error).message;
      }
      throw new Error(`${REDIS_URL} was taken`);
    };
    expect(refusal("redis+cluster://:hunter2-secret@")).toBe("REDIS_URL names no node: give redis+cluster://host:port,host:port");
    expect(refusal("redis+cluster://:hunter2-secret@10.0.0.1:7000/3")).toMatch(/^REDIS_URL takes a cluster as redis\+cluster:\/\/host:port,host:port/);
    expect(refusal("redis+cluster://:hunter2-secret@10.0.0.1:99999")).toBe('REDIS_URL has a cluster node that is not host:port: "10.0.0.1:99999"');
    for (const url of ["redis+cluster://:hunter2-secret@", "redis+cluster://:hunter2-secret@10.0.0.1:7000/3"]) expect(refusal(url)).not.toContain("hunter2");
  });

  it("refuses braces in REDIS_KEY_PREFIX: they would put every key in one Redis Cluster slot", () => {
    expect(loadSettings({ REDIS_KEY_PREFIX: "bank-a:" }).redisKeyPrefix).toBe("bank-a:");
    expect(() => loadSettings({ REDIS_KEY_PREFIX: "{oa}:" })).toThrow(/^REDIS_KEY_PREFIX must not contain \{ or \}: .*, got "\{oa\}:"$/);
  });

  it("sizes each subgraph's database pool and bounds its statements, 10 connections and 5 s by default", () => {
    expect(loadSettings({})).toMatchObject({ databasePoolSize: 10, databaseStatementTimeoutMs: 5000 });
    expect(loadSettings({ DATABASE_POOL_SIZE: "25", DATABASE_STATEMENT_TIMEOUT_MS: "0" })).toMatchObject({ databasePoolSize: 25, databaseStatementTimeoutMs: 0 });
    expect(() => loadSettings({ DATABASE_POOL_SIZE: "0" })).toThrow('DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "0"');
    expect(() => loadSettings({ DATABASE_STATEMENT_TIMEOUT_MS: "2s" })).toThrow('DATABASE_STATEMENT_TIMEOUT_MS must be a whole number from 0 to 3600000, got "2s"');
  });
});
