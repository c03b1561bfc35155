import { Column, Entity, PrimaryColumn } from "typeorm";

/** A question of the catalog people pick from at enrollment. Seeded by a migration. */
@Entity({ name: "security_questions", schema: "identity" })
export class SecurityQuestionEntity {
  @PrimaryColumn("text")
  id!: string;

  @Column("text")
  text!: string;

  /** Order in the catalog. */
  @Column("int")
  position!: number;
}

/** A person's answer to one question, stored only as an argon2id hash of the normalised answer. */
@Entity({ name: "security_answers", schema: "identity" })
export class SecurityAnswerEntity {
  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @PrimaryColumn("text", { name: "question_id" })
  questionId!: string;

  @Column("text", { name: "answer_hash" })
  answerHash!: string;
}
