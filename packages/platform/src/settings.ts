/** Every setting of the system, read once from the environment at start. */
export interface Settings {
  nodeEnv: string;
  production: boolean;
  gatewayPort: number;
  identityPort: number;
  deviceTrustPort: number;
  vehicleAccountPort: number;
  identityUrl: string;
  deviceTrustUrl: string;
  vehicleAccountUrl: string;
  /** PostgreSQL connection string; undefined means the embedded database. */
  databaseUrl?: string;
  /** Redis connection string; undefined means the in-process store. */
  redisUrl?: string;
  redisKeyPrefix: string;
  lockoutMaxFailures: number;
  lockoutSeconds: number;
  securityCodeTtlSeconds: number;
  stepUpMaxAttempts: number;
  sessionTtlSeconds: number;
  authorizedCreditors: string[];
  supportPhone: string;
  messageOutboxFile?: string;
  /** Shared by the gateway and the subgraphs to sign what the gateway forwards. */
  gatewaySecret: string;
  /** AES-256-GCM key for tax ids at rest (32 bytes, base64 or hex). */
  taxIdEncryptionKey: Buffer;
  /** HMAC key for tax id look-ups, lockout subjects and security codes. */
  lookupHmacKey: Buffer;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

type Env = Record<string, string | undefined>;

// Dev-only secrets: fine on a laptop, refused when NODE_ENV=production.
export const DEV_ONLY_GATEWAY_SECRET = "dev-only-gateway-secret-change-me-0123456789";
export const DEV_ONLY_TAX_ID_KEY = "ZGV2LW9ubHktdGF4LWlkLWtleS0zMi1ieXRlcy0wMDA="; // base64 of 32 bytes
export const DEV_ONLY_LOOKUP_KEY = "ZGV2LW9ubHktbG9va3VwLWhtYWMta2V5LTMyLWJ5dGU="; // base64 of 32 bytes

export const DEFAULT_AUTHORIZED_CREDITORS =
  "Ally Financial;National Auto Finance Company;Nuvell Credit Company;American Suzuki Financial Services";

export class SettingsError extends Error {}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function key(env: Env, name: string, devDefault: string, production: boolean): Buffer {
  const raw = env[name];
  if (!raw) {
    if (production) throw new SettingsError(`${name} must be set in production`);
    return Buffer.from(devDefault, "base64");
  }
  const bytes = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (bytes.length !== 32) throw new SettingsError(`${name} must be 32 bytes, as 64 hex digits or base64`);
  if (production && bytes.equals(Buffer.from(devDefault, "base64"))) {
    throw new SettingsError(`${name} is the public dev-only value; production needs a secret of its own`);
  }
  return bytes;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw && raw.trim() !== "" ? raw.trim() : undefined;
}

export function loadSettings(env: Env = process.env): Settings {
  const nodeEnv = env.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  const port = (name: string, fallback: number) => integer(env, name, fallback, 0, 65535);
  const gatewayPort = port("GATEWAY_PORT", 4000);
  const identityPort = port("IDENTITY_PORT", 4001);
  const deviceTrustPort = port("DEVICE_TRUST_PORT", 4002);
  const vehicleAccountPort = port("VEHICLE_ACCOUNT_PORT", 4003);
  const local = (p: number) => `http://127.0.0.1:${p}/graphql`;

  const gatewaySecret = env.GATEWAY_SECRET ?? (production ? "" : DEV_ONLY_GATEWAY_SECRET);
  if (gatewaySecret.length < 32) throw new SettingsError("GATEWAY_SECRET must be set, at least 32 characters");
  if (production && gatewaySecret === DEV_ONLY_GATEWAY_SECRET) {
    throw new SettingsError("GATEWAY_SECRET is the public dev-only value; production needs a secret of its own");
  }

  const creditors = (env.AUTHORIZED_CREDITORS ?? DEFAULT_AUTHORIZED_CREDITORS)
    .split(";")
    .map((name) => name.trim())
    .filter((name) => name !== "");

  const logLevel = (env.LOG_LEVEL ?? "info") as Settings["logLevel"];
  if (!["debug", "info", "warn", "error", "silent"].includes(logLevel)) {
    throw new SettingsError(`LOG_LEVEL must be debug, info, warn, error or silent, got "${logLevel}"`);
  }

  return {
    nodeEnv,
    production,
    gatewayPort,
    identityPort,
    deviceTrustPort,
    vehicleAccountPort,
    identityUrl: optional(env, "IDENTITY_URL") ?? local(identityPort),
    deviceTrustUrl: optional(env, "DEVICE_TRUST_URL") ?? local(deviceTrustPort),
    vehicleAccountUrl: optional(env, "VEHICLE_ACCOUNT_URL") ?? local(vehicleAccountPort),
    databaseUrl: optional(env, "DATABASE_URL"),
    redisUrl: optional(env, "REDIS_URL"),
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? "oa:",
    lockoutMaxFailures: integer(env, "LOCKOUT_MAX_FAILURES", 5, 1, 1000),
    lockoutSeconds: integer(env, "LOCKOUT_SECONDS", 1800, 1, 30 * 86400),
    securityCodeTtlSeconds: integer(env, "SECURITY_CODE_TTL_SECONDS", 600, 1, 86400),
    stepUpMaxAttempts: integer(env, "STEP_UP_MAX_ATTEMPTS", 5, 1, 1000),
    sessionTtlSeconds: integer(env, "SESSION_TTL_SECONDS", 900, 1, 30 * 86400),
    authorizedCreditors: creditors,
    supportPhone: env.SUPPORT_PHONE ?? "1-833-226-1520",
    messageOutboxFile: optional(env, "MESSAGE_OUTBOX_FILE"),
    gatewaySecret,
    taxIdEncryptionKey: key(env, "TAX_ID_ENCRYPTION_KEY", DEV_ONLY_TAX_ID_KEY, production),
    lookupHmacKey: key(env, "LOOKUP_HMAC_KEY", DEV_ONLY_LOOKUP_KEY, production),
    logLevel,
  };
}
