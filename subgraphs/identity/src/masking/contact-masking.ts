/**
 * Contacts as they may be shown to whoever is signing in: enough for the person to recognise
 * their own phone or mailbox, too little to learn it.
 */

/** A phone number as `***-***-0101`: its last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 4 ? `***-***-${digits.slice(-4)}` : "***-***-****";
}

/** An email address as `d***@example.com`: the first character of the mailbox and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return "***";
  const first = [...email.slice(0, at)][0];
  return `${first}***@${email.slice(at + 1)}`;
}
