import type { DataSource } from "typeorm";
import { SecurityQuestionEntity } from "./security-question.entity";
import type { SecurityQuestion } from "./security-question.type";

/** The catalog is fixed by migrations, so it is read once and kept, with its look-ups. */
export class SecurityQuestionCatalog {
  private cached?: Promise<{ list: SecurityQuestion[]; byId: Map<string, SecurityQuestion>; ids: ReadonlySet<string> }>;

  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<SecurityQuestion[]> {
    return (await this.load()).list;
  }

  async byId(): Promise<ReadonlyMap<string, SecurityQuestion>> {
    return (await this.load()).byId;
  }

  async ids(): Promise<ReadonlySet<string>> {
    return (await this.load()).ids;
  }

  private load() {
    this.cached ??= this.dataSource
      .getRepository(SecurityQuestionEntity)
      .find({ order: { position: "ASC" } })
      .then((rows) => {
        const list = rows.map(({ id, text }) => ({ id, text }));
        return { list, byId: new Map(list.map((question) => [question.id, question])), ids: new Set(list.map((question) => question.id)) };
      });
    // A failed read is not kept: the next request tries again.
    this.cached.catch(() => (this.cached = undefined));
    return this.cached;
  }
}
