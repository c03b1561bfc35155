import { existsSync } from "node:fs";

/** Debian's Chromium (apt-get install -y chromium chromium-driver): the browser tests never download one. */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless, and nothing that reaches out to the network on its own. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether Chromium is here; when not, says that `test` is skipped and why. */
export function chromiumFor(test: string): boolean {
  const here = existsSync(CHROMIUM);
  if (!here) process.stderr.write(`${test} skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium chromium-driver)\n`);
  return here;
}
