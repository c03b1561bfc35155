import { normaliseSubmittedCode, securityCodeHash } from "../../../modules/step-up/security-code";
import { stepUpRefusals } from "../step-up.outcome";
import type { StepUpStrategy } from "./step-up-strategy";

/**
 * A security code sent to a contact on file. The code is hashed with its challenge's id, so it
 * works for that challenge only; the state machine compares the hash with the live code's.
 */
export function codeStrategy(lookupHmacKey: Buffer, challengeId: string, code: string): StepUpStrategy {
  const codeHash = securityCodeHash(lookupHmacKey, challengeId, normaliseSubmittedCode(code));
  return {
    kind: "code",
    codeHash,
    check: async () => ({ kind: "code", codeHash }),
    wrong: stepUpRefusals.invalidCode,
  };
}
