import { type AttemptGuard, createClientAttempts, InternalClient, type Logger, Notifier, type RedisClient, SessionStore, sessionLifetimes, type Settings } from "@oa/platform";
import type { DataSource } from "typeorm";
import { VehicleAccountCalls } from "./flows/enrollment/vehicle-account.calls";
import { verifyAgainstDummy } from "./modules/credentials/secret-hashing";
import { DeviceTrustCalls } from "./modules/device/device-trust.calls";
import { LoginLockout } from "./modules/lockout/login-lockout";
import { ProofAttempts } from "./modules/proof/proof-attempts";
import { SecurityEvents } from "./modules/security-event/security-events";
import { SecurityQuestionCatalog } from "./modules/security-question/security-question.service";
import { SecurityCodeSends } from "./modules/step-up/security-code-sends";
import { StepUpChallengeStore } from "./modules/step-up/step-up-challenge.store";

/** Everything identity's resolvers use, built once at start and shared by all requests. */
export interface IdentityServices {
  settings: Settings;
  logger: Logger;
  dataSource: DataSource;
  redis: RedisClient;
  notifier: Notifier;
  sessions: SessionStore;
  catalog: SecurityQuestionCatalog;
  /** The append-only log of what happened to each user's online access. */
  securityEvents: SecurityEvents;
  /** device-trust's internal fields. */
  deviceTrust: DeviceTrustCalls;
  /** vehicle-account's internal fields. */
  vehicleAccount: VehicleAccountCalls;
  /** Failed tries per client address, shared with every subgraph that guards a flow. */
  clientAttempts: AttemptGuard;
  /** Failed identity verifications (enrollment and recovery) per tax id, account number and VIN. */
  proofAttempts: ProofAttempts;
  /** The lock on online access after too many failed sign-in or step-up tries (and the person's recovery budget, decision 0012). */
  lockout: LoginLockout;
  /** Security codes sent per person, across all their challenges. */
  codeSends: SecurityCodeSends;
  /** Pending step-up challenges and their security codes. */
  stepUpChallenges: StepUpChallengeStore;
  /** Called before every password check and every support proof's answer check (real or against the dummy), for tests that count them. */
  onPasswordCheck: () => void;
}

/** Observation points for tests. */
export interface IdentityHooks {
  onPasswordCheck?: () => void;
}

export function createIdentityServices(settings: Settings, logger: Logger, dataSource: DataSource, redis: RedisClient, hooks: IdentityHooks = {}): IdentityServices {
  // Makes the dummy hash now, so the first unknown username costs no more than a wrong password.
  void verifyAgainstDummy("").catch(() => undefined);
  return {
    settings,
    logger,
    dataSource,
    redis,
    notifier: new Notifier(logger, settings.messageOutboxFile),
    sessions: new SessionStore(redis, settings.redisKeyPrefix, sessionLifetimes(settings)),
    catalog: new SecurityQuestionCatalog(dataSource),
    securityEvents: new SecurityEvents(dataSource, logger),
    deviceTrust: new DeviceTrustCalls(new InternalClient({ caller: "identity", audience: "device-trust", url: settings.deviceTrustUrl, secret: settings.gatewaySecret, logger })),
    vehicleAccount: new VehicleAccountCalls(
      new InternalClient({ caller: "identity", audience: "vehicle-account", url: settings.vehicleAccountUrl, secret: settings.gatewaySecret, logger }),
    ),
    clientAttempts: createClientAttempts(redis, settings),
    proofAttempts: new ProofAttempts(redis, settings.redisKeyPrefix, settings.lookupHmacKey),
    lockout: new LoginLockout(redis, settings.redisKeyPrefix, settings.lookupHmacKey, {
      maxFailures: settings.lockoutMaxFailures,
      lockSeconds: settings.lockoutSeconds,
    }),
    codeSends: new SecurityCodeSends(redis, settings.redisKeyPrefix, {
      maxSends: settings.securityCodeMaxSends,
      windowSeconds: settings.securityCodeTtlSeconds,
    }),
    stepUpChallenges: new StepUpChallengeStore(redis, settings.redisKeyPrefix),
    onPasswordCheck: hooks.onPasswordCheck ?? (() => undefined),
  };
}
