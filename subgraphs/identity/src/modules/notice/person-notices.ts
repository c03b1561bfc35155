import { describeError, type Logger, type Notifier } from "@oa/platform";
import type { CustomerContact } from "../customer/customer-contact.loader";
import type { DevicePlatform } from "../device/device-platform";
import { accessLockedText, newDeviceText, passwordChangedText, passwordResetText, securityAnswersChangedText, usernameRecoveredText } from "./message-texts";

/** What the notices use: the one notifier, the request's contact loader, and whom to call. */
export interface NoticeDeps {
  logger: Logger;
  notifier: Notifier;
  contactOf: (customerId: string) => Promise<CustomerContact | null>;
  supportPhone: string;
}

/**
 * The notices a person gets about their online access, each to every contact on file and in the
 * background: the answer never waits for one (so a notice never changes how long an answer takes),
 * the change is done whether or not it gets through, and a delivery failure is logged, never
 * shown. Texts: message-texts.ts.
 */
export interface PersonNotices {
  /**
   * Online access was just locked: sent by the one try that set the lock. Nobody to tell for an
   * unknown username (null), and the answer that locked takes the same time either way.
   */
  accessLocked(customerId: string | null): void;
  /** A device was registered to skip step-up. */
  newDevice(customerId: string, platform: DevicePlatform): void;
  passwordChanged(customerId: string): void;
  passwordReset(customerId: string): void;
  usernameRecovered(customerId: string): void;
  securityAnswersChanged(customerId: string): void;
}

export function personNotices(deps: NoticeDeps): PersonNotices {
  // `what` names the notice in the log.
  const send = (customerId: string | null, what: string, body: string): void => {
    if (!customerId) return;
    deliver(deps, customerId, body).catch((error: unknown) => deps.logger.error("notice not sent", { notice: what, ...describeError(error) }));
  };
  const phone = deps.supportPhone;
  return {
    accessLocked: (customerId) => send(customerId, "access locked", accessLockedText(phone)),
    newDevice: (customerId, platform) => send(customerId, "new device", newDeviceText(platform, phone)),
    passwordChanged: (customerId) => send(customerId, "password changed", passwordChangedText(phone)),
    passwordReset: (customerId) => send(customerId, "password reset", passwordResetText(phone)),
    usernameRecovered: (customerId) => send(customerId, "username recovered", usernameRecoveredText(phone)),
    securityAnswersChanged: (customerId) => send(customerId, "security answers changed", securityAnswersChangedText(phone)),
  };
}

/** To every contact on file: by SMS to the mobile phone, by email to the address. */
async function deliver(deps: NoticeDeps, customerId: string, body: string): Promise<void> {
  const contact = await deps.contactOf(customerId);
  const sends: Promise<void>[] = [];
  if (contact?.mobilePhone) sends.push(deps.notifier.send({ channel: "SMS", to: contact.mobilePhone, body }));
  if (contact?.email) sends.push(deps.notifier.send({ channel: "EMAIL", to: contact.email, body }));
  await Promise.all(sends);
}
