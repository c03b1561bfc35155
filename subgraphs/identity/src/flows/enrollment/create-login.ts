import { randomUUID } from "node:crypto";
import type { Logger } from "@oa/platform";
import { type DataSource, QueryFailedError } from "typeorm";
import { usernameKey } from "../../modules/credentials/username-policy";
import { hashSecret } from "../../modules/credentials/secret-hashing";
import { SecurityEventKind } from "../../modules/security-event/security-event-kind";
import type { EventOrigin, SecurityEvents } from "../../modules/security-event/security-events";
import { SecurityAnswerEntity } from "../../modules/security-question/security-question.entity";
import { UserEntity } from "../../modules/user/user.entity";
import type { ValidEnrollment } from "./enrollment-input";
import type { VehicleAccountCalls } from "./vehicle-account.calls";

/** What writing a login uses: identity's database, its events, and vehicle-account for an Auto Snapshot. */
export interface CreateLoginDeps {
  dataSource: DataSource;
  securityEvents: Pick<SecurityEvents, "record">;
  vehicleAccount: Pick<VehicleAccountCalls, "addToSnapshot" | "clearSnapshot">;
  logger: Logger;
}

export type CreateLoginResult = { created: true; userId: string } | { created: false; conflict: "ALREADY_ENROLLED" | "USERNAME_TAKEN" };

/**
 * Writes the login, its three answers and its ENROLLED event in one transaction. For Auto, vehicle-account first puts
 * the account on the Snapshot of the new (not yet committed) user id; if the transaction then
 * fails, the Snapshot is cleared, so nothing is left that would block a retry. The call is made
 * outside the transaction: no transaction stays open across a call to another service.
 */
export async function createLogin(
  deps: CreateLoginDeps,
  enrollment: ValidEnrollment,
  customerId: string,
  snapshotAccountId: string | null,
  origin: EventOrigin,
): Promise<CreateLoginResult> {
  // argon2 is costly on purpose: hashed only once every check has passed.
  const [passwordHash, ...answerHashes] = await Promise.all([hashSecret(enrollment.password), ...enrollment.answers.map((answer) => hashSecret(answer.normalisedAnswer))]);
  const userId = randomUUID();
  let snapshotTouched = false;
  try {
    if (snapshotAccountId) {
      // Set before the call: a call that timed out may still have been applied.
      snapshotTouched = true;
      await deps.vehicleAccount.addToSnapshot(userId, snapshotAccountId);
    }
    await deps.dataSource.transaction(async (manager) => {
      await manager.insert(UserEntity, {
        id: userId,
        customerId,
        username: enrollment.username,
        usernameKey: usernameKey(enrollment.username),
        passwordHash,
      });
      await manager.insert(
        SecurityAnswerEntity,
        enrollment.answers.map((answer, index) => ({ userId, questionId: answer.questionId, answerHash: answerHashes[index] })),
      );
      await deps.securityEvents.record({ userId, kind: SecurityEventKind.ENROLLED, clientAddress: origin.clientAddress }, manager);
    });
  } catch (error) {
    if (snapshotTouched) await undoSnapshot(deps, userId);
    if (isUniqueViolation(error)) return { created: false, conflict: await conflictOf(deps.dataSource, customerId) };
    throw error;
  }
  return { created: true, userId };
}

async function undoSnapshot(deps: CreateLoginDeps, userId: string): Promise<void> {
  try {
    await deps.vehicleAccount.clearSnapshot(userId);
  } catch {
    // The user id is never used again, so a Snapshot left behind blocks nothing; it is logged.
    deps.logger.warn("enrollment could not clear the Snapshot of a rolled-back login", { userId });
  }
}

// A parallel enrollment won the race. Checked afresh, in the rules' order: the person first.
async function conflictOf(dataSource: DataSource, customerId: string): Promise<"ALREADY_ENROLLED" | "USERNAME_TAKEN"> {
  const existing = await dataSource.getRepository(UserEntity).existsBy({ customerId });
  return existing ? "ALREADY_ENROLLED" : "USERNAME_TAKEN";
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === "23505";
}
