import { DataSource, type EntitySchema, type MixedList } from "typeorm";

export interface DatabaseOptions {
  url: string;
  /** The PostgreSQL schema the service owns; created if missing. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Pool size; keep it small on the embedded database. */
  poolSize?: number;
  /** Called with every SQL statement, for tests that count them. */
  onQuery?: (sql: string) => void;
}

/** A TypeORM data source for one service's schema. Never synchronizes: migrations only. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    synchronize: false,
    migrationsRun: false,
    uuidExtension: "pgcrypto",
    installExtensions: false,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
    logging: options.onQuery ? ["query"] : false,
    logger: options.onQuery ? new CountingLogger(options.onQuery) : undefined,
  });
}

class CountingLogger {
  constructor(private readonly onQuery: (sql: string) => void) {}
  logQuery(query: string) {
    this.onQuery(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/**
 * Creates the schema and runs pending migrations, holding an advisory lock so that several
 * replicas starting at once migrate one after another.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query("SELECT pg_advisory_lock(hashtext($1))", [`online-access:migrate:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await dataSource.runMigrations({ transaction: "each" });
    } finally {
      await runner.query("SELECT pg_advisory_unlock(hashtext($1))", [`online-access:migrate:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}
