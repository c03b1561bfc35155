import { loadSupportDeskSettings, SettingsError } from "@oa/platform";
import { keepDevSecrets } from "./dev-secrets";
import { parseSupportArguments, type SupportCommand, USAGE, UsageError } from "./support/support-arguments";
import { SupportCallError } from "./support/support-client";
import { runSupportCommand } from "./support/support-commands";

// `npm run support -- COMMAND USERNAME ...`: what a support agent uses when a customer calls. It
// talks to the running identity service only, signing with SUPPORT_SECRET (docs/decisions/0014).
async function main(): Promise<number> {
  let command: SupportCommand;
  try {
    command = parseSupportArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`support: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (command.name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Outside production, the support secret npm start keeps when the environment sets none.
  const env = process.env.SUPPORT_SECRET ? process.env : keepDevSecrets(process.env).env;
  const settings = loadSupportDeskSettings(env);
  const result = await runSupportCommand(settings, command);
  if (result.exitCode === 0) {
    if (result.lines.length > 0) process.stdout.write(`${result.lines.join("\n")}\n`);
  } else {
    process.stderr.write(`support: ${result.refusal}\n`);
  }
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof SupportCallError || error instanceof SettingsError;
    process.stderr.write(`support: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!known && process.env.LOG_LEVEL === "debug" && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(error instanceof SupportCallError ? error.exitCode : 1);
  },
);
