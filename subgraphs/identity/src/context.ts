import type { ForwardedSession, GatewayCredential } from "@oa/platform";
import { createUserLoader } from "./modules/user/user.loader";
import type { IdentityServices } from "./services";

/** Per request: the verified session (if any), the shared services and fresh loaders. */
export interface IdentityContext {
  credential: GatewayCredential;
  session: ForwardedSession | null;
  services: IdentityServices;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(services: IdentityServices) {
  return {
    user: createUserLoader(services.dataSource),
  };
}

export function createIdentityContext(services: IdentityServices, credential: GatewayCredential): IdentityContext {
  return { credential, session: credential.session, services, loaders: createLoaders(services) };
}
