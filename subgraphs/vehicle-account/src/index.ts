import { loadSettings, runService } from "@oa/platform";
import { createVehicleAccountService } from "./server";

// The vehicle-account subgraph on its own (as in docker/): migrate, listen, stop on SIGTERM.
void runService("vehicle-account", async () => {
  const settings = loadSettings();
  const service = await createVehicleAccountService(settings);
  await service.migrate();
  await service.listen(settings.vehicleAccountPort);
  return service;
});
