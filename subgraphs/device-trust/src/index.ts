// First: tracing patches pg and ioredis as they load (and graphql loads there, in production mode).
import { tracing } from "./tracing";
import { loadSettings, runService } from "@oa/platform";
import { createDeviceTrustService } from "./server";

// The device-trust subgraph on its own (as in docker/): migrate, listen, stop on SIGTERM.
void runService("device-trust", async () => {
  tracing.check();
  const settings = loadSettings();
  const service = await createDeviceTrustService(settings);
  await service.migrate();
  await service.listen(settings.deviceTrustPort);
  // Closed in reverse: the service, then tracing (which sends its last spans).
  return [tracing, service];
});
