import { openStore, type Store } from '../../src/lib/server/store';
import { openPgliteDatabase } from '../../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../../src/lib/server/store/postgres-database';
import type { SqlClient } from '../../src/lib/server/store/sql-database';
import type { AppServer } from './app-server';

/**
 * Reaches a test app server's database from the test, as only a test may: to move time on (expire
 * a link) or to add what would take too long through the pages. PGlite allows one process per
 * data directory, so its server is stopped meanwhile and started again; PostgreSQL is shared.
 */
export async function withServerSql<T>(server: AppServer, work: (sql: SqlClient) => Promise<T>): Promise<T> {
  const { databaseUrl, dataDir } = server.storeConfig;
  if (databaseUrl) {
    const db = await openPostgresDatabase(databaseUrl);
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  await server.stop();
  const db = await openPgliteDatabase(dataDir);
  try {
    return await work(db);
  } finally {
    await db.close();
    await server.start();
  }
}

/** As withServerSql, through the store. */
export async function withServerStore<T>(server: AppServer, work: (store: Store) => Promise<T>): Promise<T> {
  const stopped = !server.storeConfig.databaseUrl;
  if (stopped) await server.stop();
  const store = await openStore(server.storeConfig);
  try {
    return await work(store);
  } finally {
    await store.close();
    if (stopped) await server.start();
  }
}

/**
 * Every table of the server's database, each as its row count and a digest of its rows in order:
 * equal snapshots mean nothing was added, changed or removed.
 */
export async function snapshotDatabase(server: AppServer): Promise<Record<string, string>> {
  return withServerSql(server, async (sql) => {
    const tables = await sql.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
    );
    const snapshot: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await sql.query<{ digest: string }>(
        `select count(*)::text || ' rows, ' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`
      );
      snapshot[name] = row.digest;
    }
    return snapshot;
  });
}

/** The tables of the server's database with `text` anywhere in a row (any column, any case). */
export async function tablesHolding(server: AppServer, text: string): Promise<string[]> {
  return withServerSql(server, async (sql) => {
    const tables = await sql.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from "${name}" t where strpos(lower(t::text), lower($1)) > 0`, [text]);
      if (row.n > 0) found.push(name);
    }
    return found;
  });
}
