import type { ForwardedSession, GatewayCredential, SessionHandover } from "@oa/platform";
import { createCustomerByTaxIdLoader } from "./modules/customer/customer-by-tax-id.loader";
import { createCustomerContactLoader } from "./modules/customer/customer-contact.loader";
import { createDepositAccountLoader } from "./modules/customer/deposit-account.loader";
import { createSecurityAnswersLoader } from "./modules/security-question/security-answer.loader";
import { createLoginCredentialLoader } from "./modules/user/login-credential.loader";
import { createLoginIdByCustomerLoader, createLoginIdByUsernameKeyLoader } from "./modules/user/login-existence.loader";
import { createUserLoader } from "./modules/user/user.loader";
import type { IdentityServices } from "./services";

/**
 * Per request: the verified session (if any), the shared services and fresh loaders. Only resolvers
 * read it: each gives its flow what the flow uses, and no flow sees the whole (docs/decisions/0019).
 */
export interface IdentityContext {
  credential: GatewayCredential;
  session: ForwardedSession | null;
  services: IdentityServices;
  loaders: ReturnType<typeof createLoaders>;
  /** What this request hands the gateway about its session cookies (modules/session/session-handover.plugin.ts). */
  handover: SessionHandover;
}

function createLoaders(services: IdentityServices) {
  return {
    user: createUserLoader(services.dataSource),
    customerByTaxIdLookup: createCustomerByTaxIdLoader(services.dataSource),
    depositAccount: createDepositAccountLoader(services.dataSource),
    loginIdByCustomer: createLoginIdByCustomerLoader(services.dataSource),
    loginIdByUsernameKey: createLoginIdByUsernameKeyLoader(services.dataSource),
    loginCredential: createLoginCredentialLoader(services.dataSource),
    customerContact: createCustomerContactLoader(services.dataSource),
    securityAnswers: createSecurityAnswersLoader(services.dataSource),
  };
}

export function createIdentityContext(services: IdentityServices, credential: GatewayCredential): IdentityContext {
  return { credential, session: credential.session, services, loaders: createLoaders(services), handover: {} };
}
