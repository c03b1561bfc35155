import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { UserEntity } from "./user.entity";

/** What a sign-in checks a password against. Internal only: it holds the password hash. */
export interface LoginCredential {
  userId: string;
  customerId: string;
  passwordHash: string;
}

/** Logins by username key (lower case), with their password hash: one statement per batch. */
export function createLoginCredentialLoader(dataSource: DataSource): DataLoader<string, LoginCredential | null> {
  return new DataLoader(async (keys) => {
    const users = await dataSource.getRepository(UserEntity).find({
      select: { id: true, customerId: true, usernameKey: true, passwordHash: true },
      where: { usernameKey: In([...keys]) },
    });
    const byKey = new Map(users.map((user) => [user.usernameKey, { userId: user.id, customerId: user.customerId, passwordHash: user.passwordHash }]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
