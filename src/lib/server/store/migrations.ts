import type { SqlDatabase } from './sql-database';
import { MIGRATIONS } from './schema';

export { MIGRATIONS };

/** Applies the migrations not yet applied. Safe to run at every start and from several processes. */
export async function migrate(db: SqlDatabase, migrations = MIGRATIONS): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    id text primary key,
    applied_at timestamptz not null default now()
  )`);
  return db.transaction(async (tx) => {
    // One migrator at a time across server processes sharing a PostgreSQL database.
    await tx.query('select pg_advisory_xact_lock(7261301)');
    const done = new Set(
      (await tx.query<{ id: string }>('select id from schema_migrations')).map((row) => row.id)
    );
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.id))) {
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
