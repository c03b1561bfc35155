import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One message as the notifier writes it to MESSAGE_OUTBOX_FILE (one JSON object a line). */
export interface OutboxMessage {
  channel: "SMS" | "EMAIL";
  to: string;
  body: string;
  sentAt: string;
}

const CODE = /\b(\d{6})\b/;

/** Reads the MESSAGE_OUTBOX_FILE that a system in this process writes its SMS and emails to. */
export class Outbox {
  constructor(readonly file: string) {}

  /** An outbox file (not yet written) in a new temporary folder of its own. */
  static inNewFolder(prefix = "oa-outbox-"): Outbox {
    return new Outbox(join(mkdtempSync(join(tmpdir(), prefix)), "outbox.jsonl"));
  }

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

  /** The 6-digit code of the newest message to `to` (a phone number or email) that holds one. */
  latestCode(to: string): string {
    const codes = this.messagesTo(to)
      .map((message) => CODE.exec(message.body)?.[1])
      .filter((code): code is string => code !== undefined);
    const code = codes[codes.length - 1];
    if (!code) throw new Error(`no security code was sent to ${to}`);
    return code;
  }
}
