import { migrate } from './migrations';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';
import { createSqlStore } from './sql-store';
import type { Store } from './store';

export type { Store, AccountStore, DeviceStore, WorkerStore, AuditStore, RetentionStore, ChangeNote } from './store';
export type { BoundaryImportCounts, WardJsonBatches } from './boundary-import';
export { DataDirInUseError } from './data-dir-lock';
export {
  EmailTakenError,
  NetworkAlreadySetUpError,
  OrganisationNameTakenError,
  UnknownReferenceError,
  UnknownWardsError,
  WorkerNameTakenError
} from './errors';

export interface StoreConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; absent means in memory (tests). */
  dataDir?: string;
}

export function storeConfigFromEnv(env: Record<string, string | undefined>): StoreConfig {
  return env.DATABASE_URL
    ? { databaseUrl: env.DATABASE_URL }
    : { dataDir: env.DATA_DIR || './data' };
}

/** Opens the configured database and brings its schema up to date. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const db = config.databaseUrl
    ? await openPostgresDatabase(config.databaseUrl)
    : await openPgliteDatabase(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db);
}

export function describeStore(config: StoreConfig): string {
  return config.databaseUrl
    ? `PostgreSQL at ${new URL(config.databaseUrl).host}`
    : `embedded PGlite in ${config.dataDir ?? 'memory'}`;
}
