import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlDatabase } from './sql-database';
import { lockDataDir } from './data-dir-lock';

/**
 * Embedded PGlite. With a `dataDir` it lives on disk and this process holds the directory alone
 * (two PGlite instances on one directory would corrupt it); without one it lives in memory.
 */
export async function openPgliteDatabase(dataDir?: string): Promise<SqlDatabase> {
  const lock = dataDir ? await lockDataDir(dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const clientOf = (db: Pick<PGlite, 'query' | 'exec'>): SqlClient => ({
    query: async <Row>(text: string, params?: unknown[]) =>
      (await db.query<Row>(text, params)).rows,
    exec: async (script) => void (await db.exec(script))
  });
  return {
    kind: 'pglite',
    ...clientOf(pglite),
    transaction: (work) => pglite.transaction((tx) => work(clientOf(tx))),
    async close() {
      await pglite.close();
      await lock?.release();
    }
  };
}
