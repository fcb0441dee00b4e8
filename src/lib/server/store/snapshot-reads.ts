import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * Hands one value of a read to its reader and waits until the reader asks for the next: true
 * to go on, false when the reader stopped (the read should then return at once).
 */
export type HandOut<T> = (value: T) => Promise<boolean>;

/**
 * Runs a read that hands its values out one at a time as they are asked for, so a large read
 * is never held in memory whole (issue 14's exports).
 *
 * On PostgreSQL the read runs in one read-only REPEATABLE READ transaction: every value comes
 * from one snapshot, whatever is written meanwhile. The transaction stays open only while the
 * reader keeps asking; stopping early (`return()`, as a cancelled HTTP stream does) ends it at
 * once and releases the connection.
 *
 * PGlite is one connection in this process, and a transaction there holds every other request
 * until it ends, so a slow download would stop the whole server. There the read gets the
 * database itself, and runs each of its statements on its own, answering other requests between.
 *
 * The read hands values out through a callback, so that it can take rows from a driver's callback
 * as they arrive: rows that came through postgres.js's query promise or its async iterator
 * outlived V8's young generation and filled the old one with garbage (a 100,000-row export on
 * PostgreSQL grew the server's RSS by 90 MB); from its cursor callback they die young
 * (docs/STATUS.md, Exports).
 */
export async function* readInSnapshot<T>(db: SqlDatabase, read: (db: SqlClient, handOut: HandOut<T>) => Promise<void>): AsyncGenerator<T, void, undefined> {
  let supply = deferred<IteratorResult<T, void>>();
  /** What the read waits on after handing a value out: true to go on, false to stop. */
  let demand = null as Deferred<boolean> | null;
  const handOut: HandOut<T> = (value) => {
    const next = deferred<boolean>();
    demand = next;
    supply.resolve({ done: false, value });
    return next.promise;
  };
  const reading =
    db.kind === 'pglite'
      ? read(db, handOut)
      : db.transaction(async (tx) => {
          await tx.query('set transaction isolation level repeatable read, read only');
          await read(tx, handOut);
        });
  const finished = reading.then(
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
