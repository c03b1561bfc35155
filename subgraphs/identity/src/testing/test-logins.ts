import { randomBytes, randomInt } from "node:crypto";
import { Client } from "pg";
import { normaliseAnswer } from "../modules/credentials/answer-normalisation";
import { hashSecret } from "../modules/credentials/secret-hashing";

/** A login made straight in the database, with the secrets a test signs in with. */
export interface TestLogin {
  userId: string;
  customerId: string;
  username: string;
  password: string;
  /** Answers by question id, as the person would type them. */
  answers: Record<string, string>;
  mobilePhone: string | null;
  email: string | null;
}

export interface TestLoginOptions {
  mobilePhone?: string | null;
  email?: string | null;
}

const ANSWERS: Record<string, string> = { Q1: "Rex the Dog", Q2: "Springfield", Q4: "Ford" };

/** Inserts a customer, a login (argon2id password) and three argon2id answers. */
export async function createTestLogin(databaseUrl: string, options: TestLoginOptions = {}): Promise<TestLogin> {
  const suffix = randomBytes(4).toString("hex");
  const customerId = `C-T${suffix}`;
  const username = `Dana.${suffix}`;
  const password = `correct horse ${suffix} staple`;
  // A number of its own, so that messages to one test's login never mix with another's.
  const mobilePhone = options.mobilePhone === undefined ? `+1555${randomInt(0, 10_000_000).toString().padStart(7, "0")}` : options.mobilePhone;
  const email = options.email === undefined ? `dana.${suffix}@example.com` : options.email;
  const [passwordHash, ...answerHashes] = await Promise.all([hashSecret(password), ...Object.values(ANSWERS).map((answer) => hashSecret(normaliseAnswer(answer)))]);

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO identity.customers (id, tax_id_lookup, tax_id_encrypted, first_name, last_name, date_of_birth, email, mobile_phone)
       VALUES ($1, $2, 'not-a-real-ciphertext', 'Dana', 'Reyes', '1984-03-09', $3, $4)`,
      [customerId, randomBytes(32).toString("hex"), email, mobilePhone],
    );
    const { rows } = await client.query<{ id: string }>(`INSERT INTO identity.users (customer_id, username, username_key, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [
      customerId,
      username,
      username.toLowerCase(),
      passwordHash,
    ]);
    const userId = rows[0].id;
    for (const [index, questionId] of Object.keys(ANSWERS).entries()) {
      await client.query(`INSERT INTO identity.security_answers (user_id, question_id, answer_hash) VALUES ($1, $2, $3)`, [userId, questionId, answerHashes[index]]);
    }
    return { userId, customerId, username, password, answers: { ...ANSWERS }, mobilePhone, email };
  } finally {
    await client.end();
  }
}
