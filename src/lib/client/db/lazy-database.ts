import type { DeviceDatabase } from './database';

/**
 * The device database, with Dexie loaded by `import()`: the first screen renders from a bare
 * IndexedDB read (first-look.ts) and never waits for Dexie's 30 KB. Loading starts when the app
 * starts, so a save or a list rarely waits for it at all.
 */
export class LazyDatabase {
  #load: () => Promise<DeviceDatabase>;
  #db: Promise<DeviceDatabase> | undefined;

  /** A database already made (tests give one made on fake-indexeddb), or how to make it. */
  constructor(source: DeviceDatabase | (() => Promise<DeviceDatabase>) = openDeviceDatabase) {
    this.#load = typeof source === 'function' ? source : () => Promise.resolve(source);
  }

  /** The one LazyDatabase for whatever the callers were given. */
  static of(source: DeviceDatabase | LazyDatabase | (() => Promise<DeviceDatabase>)): LazyDatabase {
    return source instanceof LazyDatabase ? source : new LazyDatabase(source);
  }

  /** The database, loading Dexie the first time; a load that failed (say, a chunk not fetched) is tried again next time. */
  get(): Promise<DeviceDatabase> {
    if (!this.#db) {
      this.#db = this.#load();
      this.#db.catch(() => (this.#db = undefined));
    }
    return this.#db;
  }

  /**
   * Dexie's liveQuery once Dexie is here: `next` gets the query's answer now and after every
   * change that touches it, in this tab or another, until the returned function is called.
   * `load` brings what the query uses beyond the database (db/* helpers) first: inside a live
   * query only Dexie's own promises may be awaited.
   */
  live<T, M = undefined>(query: (db: DeviceDatabase, loaded: M) => T | Promise<T>, next: (value: T) => void, load?: () => Promise<M>): () => void {
    let stopped = false;
    let subscription: { unsubscribe(): void } | undefined;
    Promise.all([this.get(), import('dexie'), load?.()])
      .then(([db, { liveQuery }, loaded]) => {
        if (!stopped) subscription = liveQuery(() => query(db, loaded as M)).subscribe(next);
      })
      // Dexie could not load: what waits on the database says so when used; a watch has no one to tell.
      .catch(() => undefined);
    return () => {
      stopped = true;
      subscription?.unsubscribe();
    };
  }
}

/** The browser's device database; Dexie and the schema arrive in a chunk of their own. */
export async function openDeviceDatabase(): Promise<DeviceDatabase> {
  const { DeviceDatabase } = await import('./database');
  return new DeviceDatabase();
}
