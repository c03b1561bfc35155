// First: tracing patches ioredis as it loads (and graphql loads there, in production mode).
import { tracing } from "./tracing";
import { loadSettings, runService } from "@oa/platform";
import { createGateway } from "./server";

// The gateway on its own (as in docker/): listen, print where it is, stop on SIGTERM.
void runService("gateway", async () => {
  tracing.check();
  const settings = loadSettings();
  const gateway = createGateway(settings);
  const running = await gateway.listen(settings.gatewayPort);
  process.stdout.write(`gateway: ${running.url}\n`);
  if (!settings.production) process.stdout.write(`Apollo Sandbox: open ${running.url} in a browser (offline: ${running.url.replace(/\/graphql$/, "/graphiql")})\n`);
  // Closed in reverse: the gateway, then tracing (which sends its last spans).
  return [tracing, gateway];
});
