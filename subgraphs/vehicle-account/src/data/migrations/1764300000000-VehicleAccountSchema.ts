import type { MigrationInterface, QueryRunner } from "typeorm";

export class VehicleAccountSchema1764300000000 implements MigrationInterface {
  name = "VehicleAccountSchema1764300000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE vehicle_account.vehicle_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_number text NOT NULL UNIQUE,
        vin text NOT NULL UNIQUE,
        year int NOT NULL,
        make text NOT NULL,
        model text NOT NULL,
        creditor text NOT NULL,
        contract text NOT NULL CHECK (contract IN ('RETAIL_INSTALLMENT', 'SMARTLEASE', 'BALLOON')),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'PAID_IN_FULL', 'VEHICLE_RETURNED', 'CLOSED', 'CANCELED')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE vehicle_account.vehicle_account_holders (
        vehicle_account_id uuid NOT NULL REFERENCES vehicle_account.vehicle_accounts (id) ON DELETE CASCADE,
        customer_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('PRIMARY', 'JOINT')),
        PRIMARY KEY (vehicle_account_id, customer_id)
      )`);
    // Every look-up starts from the signed-in customer.
    await db.query(`CREATE INDEX vehicle_account_holders_customer ON vehicle_account.vehicle_account_holders (customer_id)`);
    await db.query(`
      CREATE TABLE vehicle_account.snapshot_entries (
        user_id uuid NOT NULL,
        vehicle_account_id uuid NOT NULL REFERENCES vehicle_account.vehicle_accounts (id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, vehicle_account_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["snapshot_entries", "vehicle_account_holders", "vehicle_accounts"]) {
      await db.query(`DROP TABLE vehicle_account.${table}`);
    }
  }
}
