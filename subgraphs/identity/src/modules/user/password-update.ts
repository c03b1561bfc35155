import type { DataSource } from "typeorm";
import type { SecurityEventInput, SecurityEvents } from "../security-event/security-events";
import { UserEntity } from "./user.entity";

/**
 * Writes a new password hash (made with hashSecret, once every check has passed) and the events
 * that record it, in one transaction. With `replacing`, only while the stored hash is still that
 * one: a password changed meanwhile by another request is not overwritten. Answers whether it
 * was written.
 */
export async function updatePasswordHash(
  deps: { dataSource: DataSource; securityEvents: Pick<SecurityEvents, "record"> },
  change: { userId: string; passwordHash: string; replacing?: string },
  events: SecurityEventInput[],
): Promise<boolean> {
  return deps.dataSource.transaction(async (manager) => {
    const update = manager.createQueryBuilder().update(UserEntity).set({ passwordHash: change.passwordHash }).where("id = :userId", { userId: change.userId });
    if (change.replacing !== undefined) update.andWhere("password_hash = :replacing", { replacing: change.replacing });
    const result = await update.execute();
    if (result.affected !== 1) return false;
    await deps.securityEvents.record(events, manager);
    return true;
  });
}
