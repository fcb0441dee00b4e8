import type { SqlClient } from '../../src/lib/server/store/sql-database';

/**
 * What a refusal may leave behind: the record of an attempt, not a change to what the app holds
 * (a session's sliding expiry, a tablet's last sync, rate-limit and failed sign-in counters, the
 * audit of a failed sign-in). Everything else must be exactly as it was.
 */
const BOOKKEEPING: Record<string, string[]> = {
  sessions: ['expires_at'],
  devices: ['last_sync_at', 'app_version'],
  people: ['failed_sign_ins', 'locked_until']
};
const SKIPPED_TABLES = ['rate_limits', 'schema_migrations'];
const AUDIT_OF_ATTEMPTS = `action not in ('sign-in-failed', 'account-locked')`;

/**
 * Per table, a fingerprint of its rows: for a table with bookkeeping columns a hash of every row
 * without them; for every other table the row versions (xmin, ctid), which any insert, update or
 * delete changes (even one writing the same values), and which cost nothing to read however
 * large the rows (ward boundaries).
 */
export async function snapshotDatabase(db: SqlClient): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`
  );
  const parts = tables
    .filter(({ name }) => !SKIPPED_TABLES.includes(name))
    .map(({ name }) => {
      const row = BOOKKEEPING[name]
        ? ['to_jsonb(t)', ...BOOKKEEPING[name].map((column) => `'${column}'`)].join(' - ')
        : `t.xmin::text || t.ctid::text`;
      const where = name === 'audit_log' ? `where ${AUDIT_OF_ATTEMPTS}` : '';
      return `select '${name}' as name, count(*)::int as n, md5(coalesce(string_agg((${row})::text, '|' order by (${row})::text), '')) as hash from "${name}" t ${where}`;
    });
  const rows = await db.query<{ name: string; n: number; hash: string }>(parts.join(' union all '));
  return Object.fromEntries(rows.map((row) => [row.name, `${row.n}:${row.hash}`]));
}
