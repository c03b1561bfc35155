import { loadSettings, runService } from "@oa/platform";
import { createDeviceTrustService } from "./server";

// The device-trust subgraph on its own (as in docker/): migrate, listen, stop on SIGTERM.
void runService("device-trust", async () => {
  const settings = loadSettings();
  const service = await createDeviceTrustService(settings);
  await service.migrate();
  await service.listen(settings.deviceTrustPort);
  return service;
});
