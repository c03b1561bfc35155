import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface OutboxMessage {
  channel: "SMS" | "EMAIL";
  to: string;
  body: string;
  sentAt: string;
}

/** Reads the MESSAGE_OUTBOX_FILE a test system writes to. */
export class Outbox {
  readonly file = join(mkdtempSync(join(tmpdir(), "oa-outbox-")), "outbox.jsonl");

  messages(): OutboxMessage[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as OutboxMessage);
  }

  messagesTo(to: string): OutboxMessage[] {
    return this.messages().filter((message) => message.to === to);
  }

  /** The 6-digit code of the newest message to `to`. */
  latestCode(to: string): string {
    const withCode = this.messagesTo(to).filter((message) => /\b\d{6}\b/.test(message.body));
    const last = withCode[withCode.length - 1];
    if (!last) throw new Error(`no code was sent to ${to}`);
    return /\b(\d{6})\b/.exec(last.body)![1];
  }
}
