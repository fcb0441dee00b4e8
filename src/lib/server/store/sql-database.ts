/**
 * The few operations the store needs from a Postgres connection. PGlite and postgres.js both
 * implement it, so every query in the store is written once, in one dialect.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Reads a query's rows `batchRows` at a time through one portal, handing each batch to `each`
   * and asking for the next only when `each` resolves true (false closes the portal). PostgreSQL
   * only: in PGlite, one connection for the whole server, an open portal would hold every other
   * request, so there a long read is paged by the caller instead.
   */
  cursor?<Row = Record<string, unknown>>(text: string, params: unknown[], batchRows: number, each: (rows: Row[]) => Promise<boolean>): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
