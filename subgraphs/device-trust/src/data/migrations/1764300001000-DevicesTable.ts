import type { MigrationInterface, QueryRunner } from "typeorm";

export class DevicesTable1764300001000 implements MigrationInterface {
  name = "DevicesTable1764300001000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE device_trust.devices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
        platform text NOT NULL CHECK (platform IN ('WEB', 'IOS', 'ANDROID')),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        registered_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    // User.devices: one user's devices, newest first.
    await db.query(`CREATE INDEX devices_user_registered ON device_trust.devices (user_id, registered_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE device_trust.devices`);
  }
}
