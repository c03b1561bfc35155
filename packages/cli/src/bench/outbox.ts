import { existsSync, readFileSync } from "node:fs";

/** The newest 6-digit code that MESSAGE_OUTBOX_FILE holds for `to` (a phone number or email). */
export function latestCode(outboxFile: string, to: string): string {
  const lines = existsSync(outboxFile) ? readFileSync(outboxFile, "utf8").split("\n").filter((line) => line !== "") : [];
  const codes = lines
    .map((line) => JSON.parse(line) as { to: string; body: string })
    .filter((message) => message.to === to)
    .map((message) => /\b(\d{6})\b/.exec(message.body)?.[1])
    .filter((code): code is string => code !== undefined);
  const code = codes[codes.length - 1];
  if (!code) throw new Error(`no security code was sent to ${to}`);
  return code;
}
