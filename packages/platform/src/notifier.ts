import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "./logger";

export type Channel = "SMS" | "EMAIL";

/** One message to a person, as written to the outbox. */
export interface OutboundMessage {
  channel: Channel;
  /** A phone number (E.164) or email address from the records on file. */
  to: string;
  body: string;
}

/**
 * The one way messages leave the system. Delivery to an SMS or email provider plugs in here;
 * with MESSAGE_OUTBOX_FILE set every message is also appended there as a JSON line.
 */
export class Notifier {
  // Appends are chained so that lines from concurrent sends never interleave.
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly logger: Logger,
    private readonly outboxFile?: string,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const sentAt = new Date().toISOString();
    this.logger.info("message sent", { channel: message.channel, to: maskContact(message.to) });
    if (!this.outboxFile) return;
    const line = `${JSON.stringify({ channel: message.channel, to: message.to, body: message.body, sentAt })}\n`;
    const file = this.outboxFile;
    const write = this.pending.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, line, { encoding: "utf8", mode: 0o600 });
    });
    this.pending = write.catch(() => undefined);
    await write;
  }
}

/** Enough of a contact to recognise it in a log, never the whole of it. */
function maskContact(contact: string): string {
  return contact.includes("@") ? `***@${contact.split("@")[1]}` : `***${contact.slice(-2)}`;
}
