import { DataSource } from "typeorm";

/**
 * Runs `work` on a data source of one connection to `databaseUrl`, closed again afterwards: for
 * short jobs beside the services (an import, the start's demo data) that need no pool of their own.
 */
export async function withDatabaseConnection<T>(databaseUrl: string, work: (database: DataSource) => Promise<T>): Promise<T> {
  const database = new DataSource({ type: "postgres", url: databaseUrl, extra: { max: 1 } });
  await database.initialize();
  try {
    return await work(database);
  } finally {
    await database.destroy();
  }
}
