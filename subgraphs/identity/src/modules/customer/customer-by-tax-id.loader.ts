import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { CustomerEntity } from "./customer.entity";

/** Customers by the HMAC of their tax id (`taxIdLookup`): one statement per batch. */
export function createCustomerByTaxIdLoader(dataSource: DataSource): DataLoader<string, CustomerEntity | null> {
  return new DataLoader(async (lookups) => {
    const customers = await dataSource.getRepository(CustomerEntity).findBy({ taxIdLookup: In([...lookups]) });
    const byLookup = new Map(customers.map((customer) => [customer.taxIdLookup, customer]));
    return lookups.map((lookup) => byLookup.get(lookup) ?? null);
  });
}
