import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createDatabase } from '../../support/postgres-cluster';

/** The PostgreSQL driver's portal read, which the exports stream from (issue 14). */
describe('PostgreSQL cursor', () => {
  let db: SqlDatabase;
  const numbers = (n: number) => ({ text: 'select i from generate_series(1, $1::int) as i order by i', params: [n] });

  beforeAll(async () => {
    db = await openPostgresDatabase(await createDatabase(inject('postgresAdminUrl'), `cursor_${uuidv7().replaceAll('-', '')}`));
  });
  afterAll(() => db.close());

  /** Reads `n` numbers in batches of `size`, each batch taken only after a turn of the event loop. */
  async function batchesOf(n: number, size: number, stopAfter = Infinity) {
    const batches: number[][] = [];
    let taking = false;
    let overlapped = false;
    await db.cursor!<{ i: number }>(numbers(n).text, numbers(n).params, size, async (rows) => {
      overlapped ||= taking;
      taking = true;
      await new Promise((resolve) => setImmediate(resolve));
      batches.push(rows.map((row) => row.i));
      taking = false;
      return batches.length < stopAfter;
    });
    return { batches, overlapped };
  }

  it('hands the rows over in order, a batch at a time, the next only once the last is taken', async () => {
    const { batches, overlapped } = await batchesOf(25, 10);
    expect(batches).toEqual([Array.from({ length: 10 }, (_, i) => i + 1), Array.from({ length: 10 }, (_, i) => i + 11), [21, 22, 23, 24, 25]]);
    expect(overlapped).toBe(false);
  });

  it('ends only once the last batch is taken, a short one as well as a full one', async () => {
    for (const [rows, sizes] of [[25, [10, 10, 5]], [20, [10, 10]]] as const) {
      const batches: number[][] = [];
      let release: (() => void) | undefined;
      let ended = false;
      const reading = db
        .cursor!<{ i: number }>(numbers(rows).text, numbers(rows).params, 10, async (batch) => {
          batches.push(batch.map((row) => row.i));
          if (batches.length === sizes.length) await new Promise<void>((resolve) => (release = resolve));
          return true;
        })
        .then(() => (ended = true));
      await vi.waitUntil(() => release);
      // The server has sent the last batch and said it is done; another round trip lets that arrive.
      await db.query('select pg_sleep(0.05)');
      expect(ended).toBe(false);
      release!();
      await reading;
      expect(batches.map((batch) => batch.length)).toEqual(sizes);
    }
  });

  it('stops when the reader says so, and the connection answers the next query, in a transaction too', async () => {
    expect((await batchesOf(1000, 10, 2)).batches.flat()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    const seen = await db.transaction(async (tx) => {
      const taken: number[] = [];
      await tx.cursor!<{ i: number }>(numbers(100).text, numbers(100).params, 7, async (rows) => (taken.push(...rows.map((row) => row.i)), false));
      const [after] = await tx.query<{ one: number }>('select 1 as one');
      return { taken, after };
    });
    expect(seen).toEqual({ taken: [1, 2, 3, 4, 5, 6, 7], after: { one: 1 } });
  });

  it('gives an empty read no batch', async () => {
    expect((await batchesOf(0, 10)).batches).toEqual([]);
  });
});
