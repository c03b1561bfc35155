import type { SessionHandover } from "@oa/platform";
import type { IdentityContext } from "./context";
import { ChallengeSteps, stepUpLimits } from "./flows/step-up/challenge-steps";
import { type PasswordCheck, passwordCheck } from "./modules/credentials/secret-hashing";
import { type PersonNotices, personNotices } from "./modules/notice/person-notices";

// The parts of a flow's dependencies that several resolvers build from the request's context
// (each resolver builds the rest of its flow's own). Nothing here reads or writes anything.

/** The request's facts: where it came from, a web page's device cookie, and what it hands the gateway. */
export function requestOf(context: IdentityContext): { clientAddress: string | null; deviceCookie: string | null; handover: SessionHandover } {
  return { clientAddress: context.credential.clientIp, deviceCookie: context.credential.deviceCookie ?? null, handover: context.handover };
}

/** The notices a person gets, with the request's contact loader. */
export function noticesOf(context: IdentityContext): PersonNotices {
  const { services, loaders } = context;
  return personNotices({
    logger: services.logger,
    notifier: services.notifier,
    contactOf: (customerId) => loaders.customerContact.load(customerId),
    supportPhone: services.settings.supportPhone,
  });
}

/** Password checks, each told to the test hook that counts them. */
export function passwordCheckOf(context: IdentityContext): PasswordCheck {
  return passwordCheck(context.services.onPasswordCheck);
}

/** The step-up machine on the stored challenges, with STEP_UP_MAX_ATTEMPTS. */
export function challengeStepsOf(context: IdentityContext): ChallengeSteps {
  const { services } = context;
  return new ChallengeSteps(services.stepUpChallenges, stepUpLimits(services.settings.stepUpMaxAttempts));
}

/** What verifying an account holder within its budgets uses (HolderVerificationDeps): enrollment and recovery. */
export function holderVerificationOf(context: IdentityContext) {
  const { services, loaders } = context;
  return {
    customersByTaxIdLookup: loaders.customerByTaxIdLookup,
    depositAccounts: loaders.depositAccount,
    vehicleAccount: services.vehicleAccount,
    clientAttempts: services.clientAttempts,
    proofAttempts: services.proofAttempts,
    logger: services.logger,
  };
}

/** What ending sessions uses (logout, logoutEverywhere, endSession, endDeviceSessions). */
export function sessionEndingOf(context: IdentityContext) {
  const { services } = context;
  return { sessions: services.sessions, securityEvents: services.securityEvents, logger: services.logger };
}
