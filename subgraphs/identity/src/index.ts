// First: tracing patches pg and ioredis as they load (and graphql loads there, in production mode).
import { tracing } from "./tracing";
import { loadSettings, runService } from "@oa/platform";
import { createIdentityService } from "./server";

// The identity subgraph on its own (as in docker/): migrate, listen, stop on SIGTERM.
void runService("identity", async () => {
  tracing.check();
  const settings = loadSettings();
  const service = await createIdentityService(settings);
  await service.migrate();
  await service.listen(settings.identityPort);
  // Closed in reverse: the service, then tracing (which sends its last spans).
  return [tracing, service];
});
