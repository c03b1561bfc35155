import { isUuid } from "@oa/platform";
import type { DataSource } from "typeorm";
import type { PasswordOwner } from "../credentials/password-policy";
import { decryptTaxId } from "../customer/tax-id";

/**
 * A login with what its credential changes need: the password hash (to check the current one)
 * and the person's details on file (the password rules refuse them). Never leaves identity.
 */
export interface LoginOwner {
  userId: string;
  customerId: string;
  username: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  taxIdEncrypted: string;
}

interface Row {
  id: string;
  customer_id: string;
  username: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  tax_id_encrypted: string;
}

// The date as text: YYYY-MM-DD, whatever the driver would make of a date.
const SELECT = `SELECT u.id, u.customer_id, u.username, u.password_hash, c.first_name, c.last_name,
                       c.date_of_birth::text AS date_of_birth, c.tax_id_encrypted
                  FROM identity.users u JOIN identity.customers c ON c.id = u.customer_id`;

/** The login of a user id, in one statement; null for none (or an id that is not a uuid). */
export async function findLoginOwner(dataSource: DataSource, userId: string): Promise<LoginOwner | null> {
  if (!isUuid(userId)) return null;
  const rows: Row[] = await dataSource.query(`${SELECT} WHERE u.id = $1`, [userId]);
  return rows[0] ? ownerOf(rows[0]) : null;
}

/** The login a customer on file has, in one statement; null when they never enrolled. */
export async function findLoginOfCustomer(dataSource: DataSource, customerId: string): Promise<LoginOwner | null> {
  const rows: Row[] = await dataSource.query(`${SELECT} WHERE u.customer_id = $1`, [customerId]);
  return rows[0] ? ownerOf(rows[0]) : null;
}

/** What the password rules compare a new password with (the tax id decrypted for the moment). */
export function passwordOwnerOf(owner: LoginOwner, taxIdKey: Buffer): PasswordOwner {
  return {
    username: owner.username,
    firstName: owner.firstName,
    lastName: owner.lastName,
    dateOfBirth: owner.dateOfBirth,
    taxIdDigits: decryptTaxId(taxIdKey, owner.taxIdEncrypted),
  };
}

function ownerOf(row: Row): LoginOwner {
  return {
    userId: row.id,
    customerId: row.customer_id,
    username: row.username,
    passwordHash: row.password_hash,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    taxIdEncrypted: row.tax_id_encrypted,
  };
}
