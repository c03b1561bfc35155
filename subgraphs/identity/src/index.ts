import { loadSettings, runService } from "@oa/platform";
import { createIdentityService } from "./server";

// The identity subgraph on its own (as in docker/): migrate, listen, stop on SIGTERM.
void runService("identity", async () => {
  const settings = loadSettings();
  const service = await createIdentityService(settings);
  await service.migrate();
  await service.listen(settings.identityPort);
  return service;
});
