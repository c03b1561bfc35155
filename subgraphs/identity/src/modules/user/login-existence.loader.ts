import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { UserEntity } from "./user.entity";

/** The id of the login a customer already has, or null: one statement per batch. */
export function createLoginIdByCustomerLoader(dataSource: DataSource): DataLoader<string, string | null> {
  return new DataLoader(async (customerIds) => {
    const users = await dataSource.getRepository(UserEntity).find({ select: { id: true, customerId: true }, where: { customerId: In([...customerIds]) } });
    const byCustomer = new Map(users.map((user) => [user.customerId, user.id]));
    return customerIds.map((customerId) => byCustomer.get(customerId) ?? null);
  });
}

/** The id of the login holding a username key (lower case), or null: one statement per batch. */
export function createLoginIdByUsernameKeyLoader(dataSource: DataSource): DataLoader<string, string | null> {
  return new DataLoader(async (keys) => {
    const users = await dataSource.getRepository(UserEntity).find({ select: { id: true, usernameKey: true }, where: { usernameKey: In([...keys]) } });
    const byKey = new Map(users.map((user) => [user.usernameKey, user.id]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
