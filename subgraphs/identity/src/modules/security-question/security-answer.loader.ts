import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { SecurityAnswerEntity } from "./security-question.entity";

/** A login's answers (question id and argon2id hash), by user id: one statement per batch. */
export function createSecurityAnswersLoader(dataSource: DataSource): DataLoader<string, SecurityAnswerEntity[]> {
  return new DataLoader(async (userIds) => {
    const answers = await dataSource.getRepository(SecurityAnswerEntity).findBy({ userId: In([...userIds]) });
    const byUser = new Map<string, SecurityAnswerEntity[]>();
    for (const answer of answers) byUser.set(answer.userId, [...(byUser.get(answer.userId) ?? []), answer]);
    return userIds.map((userId) => byUser.get(userId) ?? []);
  });
}
