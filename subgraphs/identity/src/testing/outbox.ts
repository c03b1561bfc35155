import { readFile } from "node:fs/promises";

export interface OutboxLine {
  channel: "SMS" | "EMAIL";
  to: string;
  body: string;
  sentAt: string;
}

/** Every message in the outbox file so far (none when it does not exist yet). */
export async function readOutbox(file: string): Promise<OutboxLine[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as OutboxLine);
}

/** Waits (up to 3 s) for messages the service sends in the background. */
export async function waitForOutbox(file: string, found: (lines: OutboxLine[]) => boolean): Promise<OutboxLine[]> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const lines = await readOutbox(file);
    if (found(lines) || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The 6-digit code in the last code message sent to `to`. */
export async function lastCodeSentTo(file: string, to: string): Promise<string> {
  const lines = (await readOutbox(file)).filter((line) => line.to === to && /security code is \d{6}/.test(line.body));
  const match = /security code is (\d{6})/.exec(lines.at(-1)?.body ?? "");
  if (!match) throw new Error(`no code was sent to ${to}`);
  return match[1];
}
