import type { SqlDatabase } from './sql-database';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Query = (db: SqlDatabase, ...args: any[]) => unknown;

/** A module of queries, each taking the database first, as the store offers them: database given. */
export type BoundQueries<Module> = {
  [Name in keyof Module as Module[Name] extends Query ? Name : never]: Module[Name] extends (db: SqlDatabase, ...args: infer Args) => infer Result
    ? (...args: Args) => Result
    : never;
};

/** Gives every query of a module this database, so a store area is its query module and nothing more. */
export function bindDatabase<Module extends object>(db: SqlDatabase, queries: Module): BoundQueries<Module> {
  const bound: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(queries)) {
    if (typeof query === 'function') bound[name] = (...args: unknown[]) => query(db, ...args);
  }
  return bound as BoundQueries<Module>;
}
