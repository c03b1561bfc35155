import { timingSafeEqual } from "node:crypto";
import { normaliseAnswer } from "../credentials/answer-normalisation";
import type { PasswordCheck } from "../credentials/secret-hashing";
import { decryptTaxId } from "../customer/tax-id";
import type { ProofOnFile } from "./proof-on-file";

/** What the caller told the agent. */
export interface CallerProof {
  /** Four digits. */
  last4: string;
  questionId: string;
  answer: string;
}

// Compared with a given last4 when there is no one on file, so that costs the same compare.
const NOBODY_LAST4 = "----";

/**
 * True when both parts match what is on file. Both are always checked, the tax id in constant
 * time and the answer with one argon2 verification by `checkAnswer` (against the dummy hash when
 * there is no person or no such question of theirs), so neither the answer nor the time says
 * which part was wrong, or whether anyone was on file.
 */
export async function proofMatches(onFile: ProofOnFile | null, proof: CallerProof, taxIdKey: Buffer, checkAnswer: PasswordCheck): Promise<boolean> {
  const last4Right = last4Matches(onFile ? decryptTaxId(taxIdKey, onFile.taxIdEncrypted).slice(-4) : NOBODY_LAST4, proof.last4) && onFile !== null;
  const answerRight = await checkAnswer(onFile?.answerHash ?? null, normaliseAnswer(proof.answer));
  return last4Right && answerRight;
}

function last4Matches(onFile: string, given: string): boolean {
  const expected = Buffer.from(onFile, "utf8");
  const actual = Buffer.from(given, "utf8");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
