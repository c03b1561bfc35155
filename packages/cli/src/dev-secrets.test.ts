import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEV_ONLY_GATEWAY_SECRET, DEV_ONLY_LOOKUP_KEY, DEV_ONLY_TAX_ID_KEY, loadSettings } from "@oa/platform";
import { devSecretsFile, KEPT_SECRET_NAMES, keepDevSecrets } from "./dev-secrets";

describe("keepDevSecrets", () => {
  let folder: string;
  let file: string;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), "oa-secrets-"));
    file = path.join(folder, "data", "dev-secrets.json");
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("makes the file on the first call, readable by its owner only, with 32 random bytes per secret", () => {
    const first = keepDevSecrets({}, file);
    expect(first).toMatchObject({ file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(kept).sort()).toEqual([...KEPT_SECRET_NAMES].sort());
    for (const name of KEPT_SECRET_NAMES) {
      expect(first.env[name]).toBe(kept[name]);
      expect(Buffer.from(kept[name], "hex")).toHaveLength(32);
    }
    const settings = loadSettings(first.env);
    expect(settings.gatewaySecret).not.toBe(DEV_ONLY_GATEWAY_SECRET);
    expect(settings.taxIdEncryptionKey.equals(Buffer.from(DEV_ONLY_TAX_ID_KEY, "base64"))).toBe(false);
    expect(settings.lookupHmacKey.equals(Buffer.from(DEV_ONLY_LOOKUP_KEY, "base64"))).toBe(false);
  });

  it("gives the same secrets on every later call", () => {
    const first = keepDevSecrets({}, file);
    const second = keepDevSecrets({ NODE_ENV: "development" }, file);
    expect(second.created).toBe(false);
    for (const name of KEPT_SECRET_NAMES) expect(second.env[name]).toBe(first.env[name]);
  });

  it("lets the environment win, secret by secret", () => {
    const own = "an-operator-secret-of-at-least-32-characters";
    const { env } = keepDevSecrets({ GATEWAY_SECRET: own, PATH: "/bin" }, file);
    expect(env.GATEWAY_SECRET).toBe(own);
    expect(env.PATH).toBe("/bin");
    expect(env.TAX_ID_ENCRYPTION_KEY).toBe(JSON.parse(readFileSync(file, "utf8")).TAX_ID_ENCRYPTION_KEY);
  });

  it("needs no file when the environment sets all four, and never touches it in production", () => {
    const all = { GATEWAY_SECRET: "x".repeat(40), TAX_ID_ENCRYPTION_KEY: "11".repeat(32), LOOKUP_HMAC_KEY: "22".repeat(32), SUPPORT_SECRET: "y".repeat(40) };
    expect(keepDevSecrets(all, file)).toEqual({ env: all, file: null, created: false });
    const production = { NODE_ENV: "production" };
    expect(keepDevSecrets(production, file)).toEqual({ env: production, file: null, created: false });
    expect(() => statSync(file)).toThrow();
  });

  it("refuses a file others may read, or one it did not write", () => {
    keepDevSecrets({}, file);
    chmodSync(file, 0o644);
    expect(() => keepDevSecrets({}, file)).toThrow(/may be read by others \(mode 644\)/);
    chmodSync(file, 0o600);
    writeFileSync(file, '{"GATEWAY_SECRET":"short"}');
    expect(() => keepDevSecrets({}, file)).toThrow(/has no valid GATEWAY_SECRET: delete it/);
  });

  it("adds a secret to a file made before it was kept, keeping the others (they encrypt the data)", () => {
    const older = { GATEWAY_SECRET: "a".repeat(64), TAX_ID_ENCRYPTION_KEY: "b".repeat(64), LOOKUP_HMAC_KEY: "c".repeat(64) };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(older), { mode: 0o600 });
    const { env, created } = keepDevSecrets({}, file);
    expect(created).toBe(false);
    expect(env).toMatchObject(older);
    expect(env.SUPPORT_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ ...older, SUPPORT_SECRET: env.SUPPORT_SECRET });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keepDevSecrets({}, file).env.SUPPORT_SECRET).toBe(env.SUPPORT_SECRET);
    expect(readdirSync(path.dirname(file))).toEqual(["dev-secrets.json"]);
  });

  it("adds nothing to a file it would refuse", () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ GATEWAY_SECRET: "short", TAX_ID_ENCRYPTION_KEY: "b".repeat(64), LOOKUP_HMAC_KEY: "c".repeat(64) }), { mode: 0o600 });
    expect(() => keepDevSecrets({}, file)).toThrow(/has no valid GATEWAY_SECRET/);
    expect(JSON.parse(readFileSync(file, "utf8")).SUPPORT_SECRET).toBeUndefined();
    writeFileSync(file, JSON.stringify({ TAX_ID_ENCRYPTION_KEY: "b".repeat(64) }), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => keepDevSecrets({}, file)).toThrow(/may be read by others/);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ TAX_ID_ENCRYPTION_KEY: "b".repeat(64) });
  });

  it("lives beside the embedded database's folder", () => {
    expect(devSecretsFile({})).toMatch(/\/\.data\/dev-secrets\.json$/);
    expect(devSecretsFile({ EMBEDDED_DATA_DIR: "/srv/oa/pglite" })).toBe("/srv/oa/dev-secrets.json");
  });
});
