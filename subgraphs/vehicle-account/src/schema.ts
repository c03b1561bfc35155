import { buildFederatedSchema } from "@oa/platform";
import type { GraphQLSchema } from "graphql";
import { AddVehicleResolver } from "./modules/snapshot/add-vehicle/add-vehicle.resolver";
import { SnapshotInternalResolver } from "./modules/snapshot/snapshot-internal.resolver";
import { UserResolver, userReference } from "./modules/snapshot/user.resolver";
import { User } from "./modules/snapshot/user.type";
import { EnrollmentAccountCheckResolver } from "./modules/vehicle-account/enrollment-account-check.resolver";
import { VehicleAccountResolver, vehicleAccountReference } from "./modules/vehicle-account/vehicle-account.resolver";

/** vehicle-account's subgraph schema; needs no connection, so `npm run compose` can print it. */
export function buildVehicleAccountSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [VehicleAccountResolver, UserResolver, AddVehicleResolver, EnrollmentAccountCheckResolver, SnapshotInternalResolver],
      // User is reached only through its field resolver and `_entities`.
      orphanedTypes: [User],
    },
    { User: userReference, VehicleAccount: vehicleAccountReference },
  );
}
