import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { CustomerEntity } from "./customer.entity";

/** Where a person can be reached, as the bank has it on file. */
export interface CustomerContact {
  /** E.164. */
  mobilePhone: string | null;
  email: string | null;
}

/** Contacts by customer id, reading nothing else of the row: one statement per batch. */
export function createCustomerContactLoader(dataSource: DataSource): DataLoader<string, CustomerContact | null> {
  return new DataLoader(async (ids) => {
    const customers = await dataSource.getRepository(CustomerEntity).find({
      select: { id: true, email: true, mobilePhone: true },
      where: { id: In([...ids]) },
    });
    const byId = new Map(customers.map((customer) => [customer.id, { mobilePhone: customer.mobilePhone, email: customer.email }]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
