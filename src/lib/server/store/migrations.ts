import type { SqlDatabase } from './sql-database';

/**
 * Schema changes, applied in order, each once. Never edit a released migration: add a new one.
 * Kept as strings (not .sql files) so the server bundle, the CLI and the tests all load them alike.
 */
export const MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '001-networks-wards-conversations',
    sql: `
      create table networks (
        id uuid primary key,
        name text not null,
        created_at timestamptz not null default now()
      );
      create table themes (
        id uuid primary key,
        network_id uuid not null references networks (id),
        name text not null,
        position int not null,
        unique (network_id, name)
      );
      create table wards (
        network_id uuid not null references networks (id),
        code text not null,
        name text not null,
        local_authority_code text not null,
        local_authority_name text not null,
        boundary jsonb,
        primary key (network_id, code)
      );
      create table conversations (
        id uuid primary key,
        network_id uuid not null references networks (id),
        ward_code text not null,
        recorded_at timestamptz not null,
        loves text not null,
        would_change text not null,
        quotes jsonb not null,
        theme_ids uuid[] not null,
        consent_to_record boolean not null check (consent_to_record),
        device_id uuid not null,
        user_id text,
        received_at timestamptz not null default now(),
        foreign key (network_id, ward_code) references wards (network_id, code)
      );
      create index conversations_by_ward on conversations (network_id, ward_code);
    `
  }
];

/** Applies the migrations not yet applied. Safe to run at every start and from several processes. */
export async function migrate(db: SqlDatabase): Promise<string[]> {
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
    for (const migration of MIGRATIONS.filter((m) => !done.has(m.id))) {
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
