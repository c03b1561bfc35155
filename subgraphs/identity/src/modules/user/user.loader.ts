import { isUuid } from "@oa/platform";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { User } from "./user.type";

/** Users by id, with the first name from the customer on file: one statement per batch. */
export function createUserLoader(dataSource: DataSource): DataLoader<string, User | null> {
  return new DataLoader(async (ids) => {
    // Anything that is not a uuid names no user (and would only make PostgreSQL refuse the cast).
    const wanted = ids.filter(isUuid);
    const rows: { id: string; username: string; customer_id: string; first_name: string }[] = wanted.length
      ? await dataSource.query(
          `SELECT u.id, u.username, u.customer_id, c.first_name
             FROM identity.users u JOIN identity.customers c ON c.id = u.customer_id
            WHERE u.id = ANY($1::uuid[])`,
          [wanted],
        )
      : [];
    const byId = new Map(rows.map((row) => [row.id, { id: row.id, username: row.username, customerId: row.customer_id, firstName: row.first_name }]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}
