import type { DataSource } from "typeorm";
import { usernameKey } from "../credentials/username-policy";

/** What a support unlock checks a caller's proof against. Internal only: it holds secrets. */
export interface ProofOnFile {
  userId: string;
  customerId: string;
  /** AES-256-GCM of the tax id digits, as stored. */
  taxIdEncrypted: string;
  /** argon2id of the normalised answer to the question asked; null when it is not one of theirs. */
  answerHash: string | null;
}

/**
 * The login of `username` (any case) with its person's encrypted tax id and its answer hash for
 * `questionId`, or null: one statement whether the username exists or not, so the time does not
 * tell them apart.
 */
export async function proofOnFile(dataSource: DataSource, username: string, questionId: string): Promise<ProofOnFile | null> {
  const rows: { user_id: string; customer_id: string; tax_id_encrypted: string; answer_hash: string | null }[] = await dataSource.query(
    `SELECT u.id AS user_id, u.customer_id, c.tax_id_encrypted, a.answer_hash
       FROM identity.users u
       JOIN identity.customers c ON c.id = u.customer_id
       LEFT JOIN identity.security_answers a ON a.user_id = u.id AND a.question_id = $2
      WHERE u.username_key = $1`,
    [usernameKey(username), questionId],
  );
  const row = rows[0];
  return row ? { userId: row.user_id, customerId: row.customer_id, taxIdEncrypted: row.tax_id_encrypted, answerHash: row.answer_hash } : null;
}
