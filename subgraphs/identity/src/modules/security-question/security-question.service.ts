import type { DataSource } from "typeorm";
import { SecurityQuestionEntity } from "./security-question.entity";
import type { SecurityQuestion } from "./security-question.type";

/** The catalog is fixed by migrations, so it is read once and kept. */
export class SecurityQuestionCatalog {
  private cached?: Promise<SecurityQuestion[]>;

  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<SecurityQuestion[]> {
    this.cached ??= this.dataSource
      .getRepository(SecurityQuestionEntity)
      .find({ order: { position: "ASC" } })
      .then((rows) => rows.map(({ id, text }) => ({ id, text })));
    this.cached.catch(() => (this.cached = undefined));
    return this.cached;
  }

  async byId(): Promise<Map<string, SecurityQuestion>> {
    return new Map((await this.list()).map((question) => [question.id, question]));
  }
}
