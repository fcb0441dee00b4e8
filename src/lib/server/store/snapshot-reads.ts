import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * Runs a paged read and hands its values out one at a time as they are asked for, so a large
 * read is never held in memory whole (issue 14's exports).
 *
 * On PostgreSQL the read runs in one read-only REPEATABLE READ transaction: every page comes
 * from one snapshot, whatever is written meanwhile. The transaction stays open only while the
 * reader keeps asking; stopping early (`return()`, as a cancelled HTTP stream does) ends it at
 * once and releases the connection.
 *
 * PGlite is one connection in this process, and a transaction there holds every other request
 * until it ends, so a slow download would stop the whole server. There each page is a statement
 * of its own and other requests are answered between pages; the read's keyset position still
 * gives every row at most once, in order (a row written between pages may or may not appear).
 */
export async function* readInSnapshot<T>(db: SqlDatabase, read: (tx: SqlClient) => AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  if (db.kind === 'pglite') {
    yield* read(db);
    return;
  }
  let supply = deferred<IteratorResult<T, void>>();
  /** What the read waits on after handing a value out: true to go on, false to stop. */
  let demand = null as Deferred<boolean> | null;
  const finished = db
    .transaction(async (tx) => {
      await tx.query('set transaction isolation level repeatable read, read only');
      for await (const value of read(tx)) {
        const next = deferred<boolean>();
        demand = next;
        supply.resolve({ done: false, value });
        if (!(await next.promise)) return;
      }
    })
    .then(
      () => supply.resolve({ done: true, value: undefined }),
      (error: unknown) => supply.reject(error)
    );
  /** The read's wait while a value is out with the reader. */
  const out: { waiting: Deferred<boolean> | null } = { waiting: null };
  try {
    for (;;) {
      const result = await supply.promise;
      if (result.done) return;
      supply = deferred();
      out.waiting = demand;
      yield result.value;
      // `return()` or `throw()` during the yield skips these lines and reaches `finally`.
      const asked = out.waiting;
      out.waiting = null;
      asked?.resolve(true);
    }
  } finally {
    out.waiting?.resolve(false);
    supply.promise.catch(() => {}); // a failure after the reader left is the reader's no longer
    await finished;
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
