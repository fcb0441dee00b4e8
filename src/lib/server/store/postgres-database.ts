import postgres from 'postgres';
import type { SqlClient, SqlDatabase } from './sql-database';

/** A PostgreSQL server reached through postgres.js, for `DATABASE_URL`. */
export async function openPostgresDatabase(url: string): Promise<SqlDatabase> {
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    // The store binds json/jsonb parameters as JSON text, as PGlite takes them; postgres.js would
    // otherwise encode the text again as a JSON string.
    types: {
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
        parse: (text: string) => JSON.parse(text)
      }
    }
  });
  await sql`select 1`; // fail at start, with the driver's reason, when the server is unreachable
  const clientOf = (db: postgres.Sql | postgres.TransactionSql): SqlClient => ({
    query: async <Row>(text: string, params: unknown[] = []) =>
      (await db.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[],
    exec: async (script) => void (await db.unsafe(script)),
    cursor: async <Row>(text: string, params: unknown[], batchRows: number, each: (rows: Row[]) => Promise<boolean>) => {
      // postgres.js waits for the callback's promise between batches but not after the last
      // one, so the read is over only once the reader has taken that too.
      let taken: Promise<unknown> = Promise.resolve();
      await db.unsafe(text, params as postgres.ParameterOrJSON<never>[]).cursor(batchRows, (rows) => {
        taken = each(rows as unknown as Row[]).then((more) => (more ? undefined : sql.CLOSE));
        return taken as unknown as void;
      });
      await taken;
    }
  });
  return {
    kind: 'postgres',
    ...clientOf(sql),
    transaction: (work) => sql.begin((tx) => work(clientOf(tx))) as never,
    close: () => sql.end({ timeout: 5 })
  };
}
