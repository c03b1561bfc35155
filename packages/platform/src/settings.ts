import { z } from "zod";
import { isLoopbackHost } from "./loopback-host";
import {
  type DevOnlyRefusal,
  echoesInput,
  ipAddress,
  key,
  level,
  list,
  optionalText,
  redisKeyPrefix,
  redisUrl,
  secret,
  trueOrFalse,
  webOrigin,
  wholeNumber,
} from "./settings-fields";

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
  /** Connections in each subgraph's pool (one pool per subgraph process). */
  databasePoolSize: number;
  /** PostgreSQL cancels a service's statement that runs longer (the request answers SERVICE_UNAVAILABLE); 0: no limit. */
  databaseStatementTimeoutMs: number;
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

export const DEFAULT_AUTHORIZED_CREDITORS = "Ally Financial;National Auto Finance Company;Nuvell Credit Company;American Suzuki Financial Services";

export class SettingsError extends Error {}

/** Where the public dev-only secrets are refused, or null where they are allowed. */
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

/** Where a service runs and what that allows: read first, since the other settings depend on it. */
function placeOf(env: Env) {
  const nodeEnv = env.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  const host = optionalText.parse(env.HOST) ?? "127.0.0.1";
  // Production refuses the dev-only secrets, and so does a service that listens beyond loopback:
  // anyone who can reach it could sign a gateway credential with the published value.
  return { nodeEnv, production, host, refusal: devOnlyRefusal(production, host) };
}

/**
 * Parses `env` with `schema` (an object of environment variables); a refusal names every
 * variable that is wrong, one line each, and shows what was given only where the schema says it
 * may (never a secret).
 */
function parseEnv<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, env: Env): z.output<z.ZodObject<Shape>> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "");
    const given = name && echoesInput(schema.shape[name]) ? `, got "${env[name]}"` : "";
    return name ? `${name} ${issue.message}${given}` : issue.message;
  });
  throw new SettingsError([...new Set(problems)].join("\n"));
}

const port = (fallback: number) => wholeNumber(fallback, 0, 65535);
const local = (port: number) => `http://127.0.0.1:${port}/graphql`;

export function loadSettings(env: Env = process.env): Settings {
  const { nodeEnv, production, host, refusal } = placeOf(env);
  const read = parseEnv(
    z
      .object({
        GATEWAY_PORT: port(4000),
        IDENTITY_PORT: port(4001),
        DEVICE_TRUST_PORT: port(4002),
        VEHICLE_ACCOUNT_PORT: port(4003),
        GATEWAY_SECRET: secret(DEV_ONLY_GATEWAY_SECRET, refusal),
        SUPPORT_SECRET: secret(DEV_ONLY_SUPPORT_SECRET, refusal),
        AUTHORIZED_CREDITORS: list(z.string(), DEFAULT_AUTHORIZED_CREDITORS),
        TLS_CERT_FILE: optionalText,
        TLS_KEY_FILE: optionalText,
        LOG_LEVEL: level(["debug", "info", "warn", "error", "silent"], "info"),
        IDENTITY_URL: optionalText,
        DEVICE_TRUST_URL: optionalText,
        VEHICLE_ACCOUNT_URL: optionalText,
        DATABASE_URL: optionalText,
        DATABASE_POOL_SIZE: wholeNumber(10, 1, 1000),
        DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber(5000, 0, 3_600_000),
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: redisKeyPrefix,
        LOCKOUT_MAX_FAILURES: wholeNumber(5, 1, 1000),
        LOCKOUT_SECONDS: wholeNumber(1800, 1, 30 * 86400),
        SECURITY_CODE_TTL_SECONDS: wholeNumber(600, 1, 86400),
        STEP_UP_MAX_ATTEMPTS: wholeNumber(5, 1, 1000),
        SESSION_TTL_SECONDS: wholeNumber(900, 1, 30 * 86400),
        SESSION_MAX_SECONDS: wholeNumber(43_200, 1, 365 * 86400),
        REFRESH_TOKEN_TTL_SECONDS: wholeNumber(2_592_000, 1, 365 * 86400),
        WEB_ORIGINS: list(webOrigin),
        TRUSTED_DOCUMENTS_ONLY: trueOrFalse(production),
        CLIENT_MAX_FAILURES: wholeNumber(100, 1, 1_000_000),
        CLIENT_WINDOW_SECONDS: wholeNumber(600, 1, 30 * 86400),
        SECURITY_CODE_MAX_SENDS: wholeNumber(5, 1, 1000),
        TRUSTED_PROXIES: list(ipAddress),
        SUPPORT_PHONE: z.string().default("1-833-226-1520"),
        MESSAGE_OUTBOX_FILE: optionalText,
        TAX_ID_ENCRYPTION_KEY: key(DEV_ONLY_TAX_ID_KEY, refusal),
        LOOKUP_HMAC_KEY: key(DEV_ONLY_LOOKUP_KEY, refusal),
      })
      .superRefine((read, context) => {
        // Else a gateway credential could pass for the support desk's.
        if (read.SUPPORT_SECRET === read.GATEWAY_SECRET) context.addIssue({ code: "custom", message: "SUPPORT_SECRET must differ from GATEWAY_SECRET", input: undefined });
        // The in-process store lives in one process: services standing apart would each keep their
        // own sessions and counters, and a lock in one would be none in another.
        if (production && read.REDIS_URL === undefined) {
          context.addIssue({
            code: "custom",
            message: "REDIS_URL must be set in production: the in-process store serves one process on a laptop, not services that share sessions and counters",
            input: undefined,
          });
        }
        if ((read.TLS_CERT_FILE === undefined) !== (read.TLS_KEY_FILE === undefined)) {
          context.addIssue({ code: "custom", message: "TLS_CERT_FILE and TLS_KEY_FILE go together: set both, or neither", input: undefined });
        }
      }),
    env,
  );

  return {
    nodeEnv,
    production,
    gatewayPort: read.GATEWAY_PORT,
    identityPort: read.IDENTITY_PORT,
    deviceTrustPort: read.DEVICE_TRUST_PORT,
    vehicleAccountPort: read.VEHICLE_ACCOUNT_PORT,
    identityUrl: read.IDENTITY_URL ?? local(read.IDENTITY_PORT),
    deviceTrustUrl: read.DEVICE_TRUST_URL ?? local(read.DEVICE_TRUST_PORT),
    vehicleAccountUrl: read.VEHICLE_ACCOUNT_URL ?? local(read.VEHICLE_ACCOUNT_PORT),
    databaseUrl: read.DATABASE_URL,
    databasePoolSize: read.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: read.DATABASE_STATEMENT_TIMEOUT_MS,
    redisUrl: read.REDIS_URL,
    redisKeyPrefix: read.REDIS_KEY_PREFIX,
    lockoutMaxFailures: read.LOCKOUT_MAX_FAILURES,
    lockoutSeconds: read.LOCKOUT_SECONDS,
    securityCodeTtlSeconds: read.SECURITY_CODE_TTL_SECONDS,
    stepUpMaxAttempts: read.STEP_UP_MAX_ATTEMPTS,
    sessionTtlSeconds: read.SESSION_TTL_SECONDS,
    sessionMaxSeconds: read.SESSION_MAX_SECONDS,
    refreshTokenTtlSeconds: read.REFRESH_TOKEN_TTL_SECONDS,
    webOrigins: read.WEB_ORIGINS,
    trustedDocumentsOnly: read.TRUSTED_DOCUMENTS_ONLY,
    clientMaxFailures: read.CLIENT_MAX_FAILURES,
    clientWindowSeconds: read.CLIENT_WINDOW_SECONDS,
    securityCodeMaxSends: read.SECURITY_CODE_MAX_SENDS,
    host,
    tlsCertFile: read.TLS_CERT_FILE,
    tlsKeyFile: read.TLS_KEY_FILE,
    trustedProxies: read.TRUSTED_PROXIES,
    authorizedCreditors: read.AUTHORIZED_CREDITORS,
    supportPhone: read.SUPPORT_PHONE,
    messageOutboxFile: read.MESSAGE_OUTBOX_FILE,
    gatewaySecret: read.GATEWAY_SECRET,
    supportSecret: read.SUPPORT_SECRET,
    taxIdEncryptionKey: read.TAX_ID_ENCRYPTION_KEY,
    lookupHmacKey: read.LOOKUP_HMAC_KEY,
    logLevel: read.LOG_LEVEL,
  };
}

/** What the support desk command needs, and no other secret: where identity is, and what it signs with. */
export interface SupportDeskSettings {
  identityUrl: string;
  supportSecret: string;
}

/** The support desk's settings, SUPPORT_SECRET refused (missing or dev-only) where the services refuse it. */
export function loadSupportDeskSettings(env: Env = process.env): SupportDeskSettings {
  const { refusal } = placeOf(env);
  const read = parseEnv(z.object({ IDENTITY_PORT: port(4001), IDENTITY_URL: optionalText, SUPPORT_SECRET: secret(DEV_ONLY_SUPPORT_SECRET, refusal) }), env);
  return { identityUrl: read.IDENTITY_URL ?? local(read.IDENTITY_PORT), supportSecret: read.SUPPORT_SECRET };
}
