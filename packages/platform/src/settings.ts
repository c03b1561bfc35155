import { isIP } from "node:net";
import { isLoopbackHost } from "./loopback-host";

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
  /** Idle timeout: a session unused this long ends. */
  sessionTtlSeconds: number;
  /** Absolute session lifetime, however often it is used. */
  sessionMaxSeconds: number;
  /** How long an unused refresh token works. */
  refreshTokenTtlSeconds: number;
  /** Origins of the web pages allowed to send the session cookie. */
  webOrigins: string[];
  /** Whether the gateway runs only the documents of its trusted-documents manifest. */
  trustedDocumentsOnly: boolean;
  /** Failed logins, step-ups, enrollments, recoveries and Add a Vehicle tries one client address may have per window. */
  clientMaxFailures: number;
  /** The window of `clientMaxFailures`, from its first failure; also how long the refusal lasts. */
  clientWindowSeconds: number;
  /** Security codes sent to one person within `securityCodeTtlSeconds`, across all their challenges. */
  securityCodeMaxSends: number;
  /** The address every service listens on; beyond loopback, the dev-only secrets are refused. */
  host: string;
  /** PEM certificate chain and key: with both, the gateway serves HTTPS. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** Proxies whose X-Forwarded-For is believed for the client address. */
  trustedProxies: string[];
  authorizedCreditors: string[];
  supportPhone: string;
  messageOutboxFile?: string;
  /** Shared by the gateway and the subgraphs to sign what the gateway forwards. */
  gatewaySecret: string;
  /** Signs the support desk's calls to identity's support fields, and nothing else (at least 32 characters, not the gateway's). */
  supportSecret: string;
  /** AES-256-GCM key for tax ids at rest (32 bytes, base64 or hex). */
  taxIdEncryptionKey: Buffer;
  /** HMAC key for tax id look-ups, lockout subjects and security codes. */
  lookupHmacKey: Buffer;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

type Env = Record<string, string | undefined>;

// Dev-only secrets: fine on a laptop, refused in production and by a service listening beyond loopback.
export const DEV_ONLY_GATEWAY_SECRET = "dev-only-gateway-secret-change-me-0123456789";
export const DEV_ONLY_SUPPORT_SECRET = "dev-only-support-secret-change-me-0123456789";
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

/** Where the public dev-only secrets are refused, and how to say so. */
interface DevOnlyRefusal {
  /** Completes "X must be set ...". */
  unset: string;
  /** Completes "X is the public dev-only value; ...". */
  reason: string;
}

/**
 * Production refuses the dev-only secrets, and so does a service that listens beyond loopback:
 * anyone who can reach it could sign a gateway credential with the published value.
 */
function devOnlyRefusal(production: boolean, host: string): DevOnlyRefusal | null {
  if (production) return { unset: "in production", reason: "production needs a secret of its own" };
  if (!isLoopbackHost(host)) {
    return {
      unset: `when HOST (${host}) is beyond loopback: its dev-only default is public`,
      reason: `a service listening beyond loopback (HOST=${host}) needs a secret of its own`,
    };
  }
  return null;
}

/** A signing secret of at least 32 characters; its dev-only default only where `refusal` is null. */
function secret(env: Env, name: string, devDefault: string, refusal: DevOnlyRefusal | null): string {
  if (env[name] === undefined && refusal) throw new SettingsError(`${name} must be set ${refusal.unset}`);
  const value = env[name] ?? devDefault;
  if (value.length < 32) throw new SettingsError(`${name} must be set, at least 32 characters`);
  if (refusal && value === devDefault) throw new SettingsError(`${name} is the public dev-only value; ${refusal.reason}`);
  return value;
}

function key(env: Env, name: string, devDefault: string, refusal: DevOnlyRefusal | null): Buffer {
  const raw = env[name];
  if (!raw) {
    if (refusal) throw new SettingsError(`${name} must be set ${refusal.unset}`);
    return Buffer.from(devDefault, "base64");
  }
  const bytes = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (bytes.length !== 32) throw new SettingsError(`${name} must be 32 bytes, as 64 hex digits or base64`);
  if (refusal && bytes.equals(Buffer.from(devDefault, "base64"))) {
    throw new SettingsError(`${name} is the public dev-only value; ${refusal.reason}`);
  }
  return bytes;
}

/** A `;`-separated list, blanks dropped. */
function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A `;`-separated list of exact IP addresses (no ranges), so that a typo cannot go unnoticed. */
function addresses(env: Env, name: string): string[] {
  const items = list(env[name]);
  for (const item of items) {
    if (isIP(item) === 0) throw new SettingsError(`${name} takes exact IP addresses separated by ";", got "${item}"`);
  }
  return items;
}

/** A `;`-separated list of origins (scheme, host and port, nothing else), as browsers send them. */
function origins(env: Env, name: string): string[] {
  return list(env[name]).map((item) => {
    let origin: string;
    try {
      origin = new URL(item).origin;
    } catch {
      origin = "null";
    }
    if (origin === "null" || origin !== item.replace(/\/$/, "")) {
      throw new SettingsError(`${name} takes origins such as https://online.example.com separated by ";", got "${item}"`);
    }
    return origin;
  });
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new SettingsError(`${name} must be true or false, got "${env[name]}"`);
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

  const host = optional(env, "HOST") ?? "127.0.0.1";
  const refusal = devOnlyRefusal(production, host);

  const gatewaySecret = secret(env, "GATEWAY_SECRET", DEV_ONLY_GATEWAY_SECRET, refusal);
  const supportSecret = secret(env, "SUPPORT_SECRET", DEV_ONLY_SUPPORT_SECRET, refusal);
  // Else a gateway credential could pass for the support desk's.
  if (supportSecret === gatewaySecret) throw new SettingsError("SUPPORT_SECRET must differ from GATEWAY_SECRET");

  const creditors = list(env.AUTHORIZED_CREDITORS ?? DEFAULT_AUTHORIZED_CREDITORS);
  const tlsCertFile = optional(env, "TLS_CERT_FILE");
  const tlsKeyFile = optional(env, "TLS_KEY_FILE");
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
    throw new SettingsError("TLS_CERT_FILE and TLS_KEY_FILE go together: set both, or neither");
  }

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
    sessionMaxSeconds: integer(env, "SESSION_MAX_SECONDS", 43_200, 1, 365 * 86400),
    refreshTokenTtlSeconds: integer(env, "REFRESH_TOKEN_TTL_SECONDS", 2_592_000, 1, 365 * 86400),
    webOrigins: origins(env, "WEB_ORIGINS"),
    trustedDocumentsOnly: boolean(env, "TRUSTED_DOCUMENTS_ONLY", production),
    clientMaxFailures: integer(env, "CLIENT_MAX_FAILURES", 100, 1, 1_000_000),
    clientWindowSeconds: integer(env, "CLIENT_WINDOW_SECONDS", 600, 1, 30 * 86400),
    securityCodeMaxSends: integer(env, "SECURITY_CODE_MAX_SENDS", 5, 1, 1000),
    host,
    tlsCertFile,
    tlsKeyFile,
    trustedProxies: addresses(env, "TRUSTED_PROXIES"),
    authorizedCreditors: creditors,
    supportPhone: env.SUPPORT_PHONE ?? "1-833-226-1520",
    messageOutboxFile: optional(env, "MESSAGE_OUTBOX_FILE"),
    gatewaySecret,
    supportSecret,
    taxIdEncryptionKey: key(env, "TAX_ID_ENCRYPTION_KEY", DEV_ONLY_TAX_ID_KEY, refusal),
    lookupHmacKey: key(env, "LOOKUP_HMAC_KEY", DEV_ONLY_LOOKUP_KEY, refusal),
    logLevel,
  };
}

/** What the support desk command needs, and no other secret: where identity is, and what it signs with. */
export interface SupportDeskSettings {
  identityUrl: string;
  supportSecret: string;
}

/** The support desk's settings, SUPPORT_SECRET refused (missing or dev-only) where the services refuse it. */
export function loadSupportDeskSettings(env: Env = process.env): SupportDeskSettings {
  const production = (env.NODE_ENV ?? "development") === "production";
  const refusal = devOnlyRefusal(production, optional(env, "HOST") ?? "127.0.0.1");
  const identityPort = integer(env, "IDENTITY_PORT", 4001, 0, 65535);
  return {
    identityUrl: optional(env, "IDENTITY_URL") ?? `http://127.0.0.1:${identityPort}/graphql`,
    supportSecret: secret(env, "SUPPORT_SECRET", DEV_ONLY_SUPPORT_SECRET, refusal),
  };
}
