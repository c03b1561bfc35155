import type { IdentityContext } from "../../context";
import { notifyContactsOnFile, notifyInBackground } from "../notice/contact-delivery";
import { accessLockedText } from "../notice/message-texts";

/**
 * Tells the person on file that online access was just locked, on every channel on file. For an
 * unknown username there is nobody to tell. Runs in the background, so the answer that locked
 * takes the same time for a known and an unknown username.
 */
export function sendLockNotice(context: IdentityContext, customerId: string | null): void {
  const { services, loaders } = context;
  if (!customerId) return;
  notifyInBackground(services.logger, "access locked", async () => {
    const contact = await loaders.customerContact.load(customerId);
    if (contact) await notifyContactsOnFile(services.notifier, contact, accessLockedText(services.settings.supportPhone));
  });
}
