import type { MigrationInterface, QueryRunner } from "typeorm";
import { SECURITY_EVENT_KINDS } from "../../modules/security-event/security-event-kind";

export class SecurityEvents1764400000000 implements MigrationInterface {
  name = "SecurityEvents1764400000000";

  async up(db: QueryRunner): Promise<void> {
    const kinds = SECURITY_EVENT_KINDS.map((kind) => `'${kind}'`).join(", ");
    // Append-only: written in the step that makes the change it records, never updated.
    await db.query(`
      CREATE TABLE identity.security_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${kinds})),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        device_id uuid,
        device_name text,
        client_address text,
        agent text,
        reason text
      )`);
    // "The newest N of one user" is the one way they are read.
    await db.query(`CREATE INDEX security_events_newest ON identity.security_events (user_id, at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE identity.security_events`);
  }
}
