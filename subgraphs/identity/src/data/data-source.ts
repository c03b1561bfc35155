import { createDataSource } from "@oa/platform";
import { CustomerEntity } from "../modules/customer/customer.entity";
import { DepositAccountEntity, DepositAccountHolderEntity } from "../modules/customer/deposit-account.entity";
import { SecurityEventEntity } from "../modules/security-event/security-event.entity";
import { SecurityAnswerEntity, SecurityQuestionEntity } from "../modules/security-question/security-question.entity";
import { UserEntity } from "../modules/user/user.entity";
import { InitialSchema1764300000000 } from "./migrations/1764300000000-InitialSchema";
import { SecurityEvents1764400000000 } from "./migrations/1764400000000-SecurityEvents";

/** The PostgreSQL schema identity owns. */
export const IDENTITY_SCHEMA = "identity";

export const identityEntities = [CustomerEntity, DepositAccountEntity, DepositAccountHolderEntity, UserEntity, SecurityQuestionEntity, SecurityAnswerEntity, SecurityEventEntity];

export const identityMigrations = [InitialSchema1764300000000, SecurityEvents1764400000000];

export function createIdentityDataSource(url: string, options: { poolSize?: number; statementTimeoutMs?: number; onQuery?: (sql: string) => void } = {}) {
  return createDataSource({ url, schema: IDENTITY_SCHEMA, entities: identityEntities, migrations: identityMigrations, ...options });
}
