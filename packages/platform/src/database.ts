import { DataSource, type EntitySchema, MigrationExecutor, type MixedList } from "typeorm";

export interface DatabaseOptions {
  url: string;
  /** The PostgreSQL schema the service owns; created if missing. */
  schema: string;
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  /** Pool size; keep it small on the embedded database. */
  poolSize?: number;
  /**
   * PostgreSQL cancels a statement of this pool's that runs longer (SQLSTATE 57014, which the
   * services answer as SERVICE_UNAVAILABLE); none when absent or 0. Migrations run without it.
   */
  statementTimeoutMs?: number;
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
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // Sent when each connection starts, so it costs no statement per request.
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
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
 * replicas starting at once migrate one after another. All on one connection, without the
 * statement timeout: a replica waits for another's migrations as long as they take, and a
 * migration may take longer than any request's statement.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query("SET statement_timeout TO 0");
    try {
      await runner.query("SELECT pg_advisory_lock(hashtext($1))", [`online-access:migrate:${schema}`]);
      try {
        await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        const migrations = new MigrationExecutor(dataSource, runner);
        migrations.transaction = "each";
        await migrations.executePendingMigrations();
      } finally {
        await runner.query("SELECT pg_advisory_unlock(hashtext($1))", [`online-access:migrate:${schema}`]);
      }
    } finally {
      // Back to the connection's own timeout before the pool lends it to a request.
      await runner.query("RESET statement_timeout");
    }
  } finally {
    await runner.release();
  }
}
