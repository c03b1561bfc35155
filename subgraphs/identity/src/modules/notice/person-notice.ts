import type { Logger, Notifier } from "@oa/platform";
import type { IdentityContext } from "../../context";
import type { CustomerContact } from "../customer/customer-contact.loader";
import { notifyContactsOnFile, notifyInBackground } from "./contact-delivery";

export interface NoticeDeps {
  logger: Logger;
  notifier: Notifier;
  contactOf: (customerId: string) => Promise<CustomerContact | null>;
}

/**
 * Tells the person of a change to their online access, on every contact on file, in the
 * background: the change is done whether or not the notice gets through (a failure is logged).
 * `what` names the notice in the log; `body` is one of message-texts' notices.
 */
export function noticeToPerson(deps: NoticeDeps, customerId: string, what: string, body: string): void {
  notifyInBackground(deps.logger, what, async () => {
    const contact = await deps.contactOf(customerId);
    if (contact) await notifyContactsOnFile(deps.notifier, contact, body);
  });
}

/** A request's notice dependencies: the shared notifier and logger, and its contact loader. */
export function noticeDepsOf(context: IdentityContext): NoticeDeps {
  const { services, loaders } = context;
  return { logger: services.logger, notifier: services.notifier, contactOf: (customerId) => loaders.customerContact.load(customerId) };
}
