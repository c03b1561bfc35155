// First: tracing patches pg and ioredis as they load (and graphql loads there, in production mode).
import { tracing } from "./tracing";
import { loadSettings, runService } from "@oa/platform";
import { createVehicleAccountService } from "./server";

// The vehicle-account subgraph on its own (as in docker/): migrate, listen, stop on SIGTERM.
void runService("vehicle-account", async () => {
  tracing.check();
  const settings = loadSettings();
  const service = await createVehicleAccountService(settings);
  await service.migrate();
  await service.listen(settings.vehicleAccountPort);
  // Closed in reverse: the service, then tracing (which sends its last spans).
  return [tracing, service];
});
