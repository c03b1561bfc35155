import type { MigrationInterface, QueryRunner } from "typeorm";

const QUESTIONS: [string, string][] = [
  ["Q1", "What was the name of your first pet?"],
  ["Q2", "In what city were you born?"],
  ["Q3", "What is your mother's maiden name?"],
  ["Q4", "What was the make of your first car?"],
  ["Q5", "What was the name of your elementary school?"],
  ["Q6", "What is the name of the street you grew up on?"],
  ["Q7", "What was your childhood nickname?"],
  ["Q8", "In what city did your parents meet?"],
];

export class InitialSchema1764300000000 implements MigrationInterface {
  name = "InitialSchema1764300000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE identity.customers (
        id text PRIMARY KEY,
        tax_id_lookup text NOT NULL UNIQUE,
        tax_id_encrypted text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        date_of_birth date NOT NULL,
        email text,
        mobile_phone text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE identity.deposit_accounts (
        account_number text PRIMARY KEY,
        product text NOT NULL CHECK (product IN ('BANK', 'INVEST')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE identity.deposit_account_holders (
        account_number text NOT NULL REFERENCES identity.deposit_accounts (account_number) ON DELETE CASCADE,
        customer_id text NOT NULL REFERENCES identity.customers (id) ON DELETE CASCADE,
        PRIMARY KEY (account_number, customer_id)
      )`);
    await db.query(`CREATE INDEX deposit_account_holders_customer ON identity.deposit_account_holders (customer_id)`);
    await db.query(`
      CREATE TABLE identity.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id text NOT NULL UNIQUE REFERENCES identity.customers (id),
        username text NOT NULL,
        username_key text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE identity.security_questions (
        id text PRIMARY KEY,
        text text NOT NULL,
        position int NOT NULL
      )`);
    await db.query(`
      CREATE TABLE identity.security_answers (
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        question_id text NOT NULL REFERENCES identity.security_questions (id),
        answer_hash text NOT NULL,
        PRIMARY KEY (user_id, question_id)
      )`);
    for (const [index, [id, text]] of QUESTIONS.entries()) {
      await db.query(`INSERT INTO identity.security_questions (id, text, position) VALUES ($1, $2, $3)`, [id, text, index + 1]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["security_answers", "security_questions", "users", "deposit_account_holders", "deposit_accounts", "customers"]) {
      await db.query(`DROP TABLE identity.${table}`);
    }
  }
}
