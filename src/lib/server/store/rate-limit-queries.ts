import type { SqlClient } from './sql-database';

/**
 * Counts one hit against `key` in a fixed window of `windowSeconds`, atomically, and returns the
 * hits in the window so far and the seconds until it ends.
 */
export async function hitRateLimit(db: SqlClient, key: string, windowSeconds: number): Promise<{ hits: number; resetSeconds: number }> {
  const [row] = await db.query<{ hits: number; resetSeconds: number }>(
    `insert into rate_limits as r (key, window_started_at, hits) values ($1, now(), 1)
     on conflict (key) do update set
       hits = case when r.window_started_at <= now() - make_interval(secs => $2) then 1 else r.hits + 1 end,
       window_started_at = case when r.window_started_at <= now() - make_interval(secs => $2) then now() else r.window_started_at end
     returning hits, greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => $2) - now()))))::int as "resetSeconds"`,
    [key, windowSeconds]
  );
  return row;
}
