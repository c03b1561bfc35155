import type { Logger, Notifier } from "@oa/platform";
import { describeError } from "@oa/platform";
import type { CustomerContact } from "../customer/customer-contact.loader";

/** Sends a notice to every contact on file: by SMS to the mobile phone, by email to the address. */
export async function notifyContactsOnFile(notifier: Notifier, contact: CustomerContact, body: string): Promise<void> {
  const sends: Promise<void>[] = [];
  if (contact.mobilePhone) sends.push(notifier.send({ channel: "SMS", to: contact.mobilePhone, body }));
  if (contact.email) sends.push(notifier.send({ channel: "EMAIL", to: contact.email, body }));
  await Promise.all(sends);
}

/**
 * Sends a notice in the background: the answer does not wait for it (so a notice never changes
 * how long an answer takes) and a delivery failure is logged, never shown to the client.
 */
export function notifyInBackground(logger: Logger, what: string, send: () => Promise<void>): void {
  send().catch((error: unknown) => logger.error("notice not sent", { notice: what, ...describeError(error) }));
}
