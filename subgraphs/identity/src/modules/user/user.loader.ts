import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { CustomerEntity } from "../customer/customer.entity";
import { UserEntity } from "./user.entity";
import type { User } from "./user.type";

/** Users by id, with the first name from the customer on file: two statements per batch. */
export function createUserLoader(dataSource: DataSource): DataLoader<string, User | null> {
  return new DataLoader(async (ids) => {
    const users = await dataSource.getRepository(UserEntity).findBy({ id: In([...ids]) });
    const customers = users.length
      ? await dataSource.getRepository(CustomerEntity).findBy({ id: In(users.map((user) => user.customerId)) })
      : [];
    const firstNames = new Map(customers.map((customer) => [customer.id, customer.firstName]));
    const byId = new Map(
      users.map((user) => [
        user.id,
        { id: user.id, username: user.username, customerId: user.customerId, firstName: firstNames.get(user.customerId) ?? "" },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  });
}
