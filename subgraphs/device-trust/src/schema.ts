import { buildFederatedSchema, DateTimeScalar } from "@oa/platform";
import type { GraphQLSchema } from "graphql";
import { DeviceInternalResolver } from "./modules/device/device-internal.resolver";
import { DeviceResolver, deviceReference } from "./modules/device/device.resolver";
import { UserDevicesResolver, userReference } from "./modules/user/user-devices.resolver";
import { User } from "./modules/user/user.type";

/** device-trust's subgraph schema; needs no connection, so `npm run compose` can print it. */
export function buildDeviceTrustSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [DeviceResolver, DeviceInternalResolver, UserDevicesResolver],
      // Reached by no root field here: the gateway comes to it through `_entities`.
      orphanedTypes: [User],
      // The contract's `scalar DateTime` (type-graphql would name its own DateTimeISO).
      scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    },
    { Device: deviceReference, User: userReference },
  );
}
