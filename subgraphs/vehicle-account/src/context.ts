import type { ForwardedSession, GatewayCredential } from "@oa/platform";
import { createSnapshotLoader } from "./modules/snapshot/snapshot.loader";
import { createHeldAccountLoader } from "./modules/vehicle-account/held-account.loader";
import { createVehicleAccountLoader } from "./modules/vehicle-account/vehicle-account.loader";
import type { VehicleAccountServices } from "./services";

/** Per request: the verified session (if any), the shared services and fresh loaders. */
export interface VehicleAccountContext {
  credential: GatewayCredential;
  session: ForwardedSession | null;
  services: VehicleAccountServices;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(services: VehicleAccountServices, session: ForwardedSession | null) {
  return {
    /** Snapshots by user (with the customer id identity resolved for the role). */
    snapshot: createSnapshotLoader(services.snapshots),
    /** Accounts by number or VIN, as a given customer holds them. */
    heldAccount: createHeldAccountLoader(services.vehicleAccounts),
    /** Accounts by id, as the session's customer holds them. */
    vehicleAccount: createVehicleAccountLoader(services.vehicleAccounts, session?.customerId ?? null),
  };
}

export function createVehicleAccountContext(services: VehicleAccountServices, credential: GatewayCredential): VehicleAccountContext {
  return { credential, session: credential.session, services, loaders: createLoaders(services, credential.session) };
}
