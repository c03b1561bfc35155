import type { FieldSigner, Settings } from "@oa/platform";

/**
 * Who signs the support desk's calls, with SUPPORT_SECRET: `npm run support`. Each support field is
 * `@Authorized(internalCaller(SUPPORT_CALLER))`: FORBIDDEN unless the desk called that very field.
 * The admission lets the caller "support" in only under the support secret, so that check is the
 * one that the gateway's secret (or identity's own) did not sign the call.
 */
export const SUPPORT_CALLER = "support";

/** identity's support fields: the only ones the support secret can call, and callable by nothing else. */
export const SUPPORT_FIELDS = ["supportUnlock", "supportEndSessions", "supportSecurityEvents"] as const;

/**
 * The support desk as identity's admission knows it: its credentials, signed with SUPPORT_SECRET,
 * are admitted for one support field per request and nothing else, and a credential signed with
 * the gateway's secret that names it as its caller is refused (docs/decisions/0014).
 */
export function supportDeskSigner(settings: Pick<Settings, "supportSecret">): FieldSigner {
  return { caller: SUPPORT_CALLER, secret: settings.supportSecret, fields: SUPPORT_FIELDS };
}
