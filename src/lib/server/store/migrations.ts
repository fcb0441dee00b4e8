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
  },
  {
    // Prompts and events become data; answers are kept per prompt, with the prompt's wording.
    // The two fixed-id prompts are the defaults every network starts with (domain/prompt.ts).
    id: '002-prompts-events-equality-follow-up',
    sql: `
      alter table networks add column privacy_notice text;
      create table prompts (
        network_id uuid not null references networks (id),
        id uuid not null,
        text text not null,
        position int not null,
        archived boolean not null default false,
        primary key (network_id, id)
      );
      insert into prompts (network_id, id, text, position)
        select n.id, p.id, p.text, p.position from networks n cross join (values
          ('00000000-0000-4000-8000-000000000001'::uuid, 'What do you love about where you live?', 0),
          ('00000000-0000-4000-8000-000000000002'::uuid, 'What would you change?', 1)
        ) as p (id, text, position);
      create table listening_events (
        id uuid primary key,
        network_id uuid not null references networks (id),
        name text not null,
        date date not null,
        place text not null default '',
        archived boolean not null default false
      );
      alter table conversations
        add column event_id uuid references listening_events (id),
        add column answers jsonb not null default '[]',
        add column people_count int not null default 1 check (people_count between 1 and 50),
        add column equality jsonb not null default '{}',
        add column follow_up_wanted boolean not null default false,
        add column revision int not null default 1,
        add column deleted_at timestamptz;
      update conversations c set answers = (
        select coalesce(jsonb_agg(jsonb_build_object('promptId', a.id, 'prompt', a.prompt, 'text', a.text) order by a.position), '[]')
          from (values
            ('00000000-0000-4000-8000-000000000001', 'What do you love about where you live?', c.loves, 0),
            ('00000000-0000-4000-8000-000000000002', 'What would you change?', c.would_change, 1)
          ) as a (id, prompt, text, position)
         where a.text <> ''
      );
      alter table conversations drop column loves, drop column would_change;
      create table follow_up_contacts (
        conversation_id uuid primary key references conversations (id),
        contact text not null
      );
      create table applied_changes (
        change_id uuid primary key,
        conversation_id uuid not null references conversations (id),
        applied_at timestamptz not null default now()
      );
    `
  },
  {
    // Pull: every change to a conversation gives it the network's next sequence number, allocated
    // under the network row's lock so numbers become visible in order. Field stamps and history
    // carry the field-level merge (SYNC-SPEC S4, S5).
    id: '003-change-sequence-merge-history',
    sql: `
      alter table networks add column last_seq bigint not null default 0;
      alter table conversations
        add column seq bigint not null default 0,
        add column field_stamps jsonb not null default '{}';
      with numbered as (
        select id, row_number() over (partition by network_id order by received_at, id) as n from conversations
      )
      update conversations c set seq = numbered.n from numbered where numbered.id = c.id;
      update networks n set last_seq = coalesce((select max(seq) from conversations c where c.network_id = n.id), 0);
      create index conversations_by_seq on conversations (network_id, seq);
      create table conversation_history (
        id bigserial primary key,
        conversation_id uuid not null references conversations (id),
        field text not null,
        lost_value jsonb,
        lost_change_id text not null,
        won_change_id text not null,
        recorded_at timestamptz not null default now()
      );
      create index conversation_history_by_conversation on conversation_history (conversation_id);
    `
  },
  {
    // Boundary sets change (wards are redrawn): a ward left out of a new set is kept, no longer
    // current, so conversations keep the ward code they were recorded under.
    id: '004-boundary-sets',
    sql: `
      alter table wards
        add column current boolean not null default true,
        add column boundary_year text;
    `
  },
  {
    // Numbers per ward a coordinator uploads (e.g. IMD rank). Values carry no foreign key to wards:
    // a boundary import may retire wards, and reads join to the network's current wards instead.
    // Upload names are unique per network regardless of case, so re-uploading replaces.
    id: '005-ward-indicators',
    sql: `
      create table ward_indicators (
        id uuid primary key,
        network_id uuid not null references networks (id),
        name text not null,
        source text not null default '',
        lower_is_more_deprived boolean not null,
        uploaded_at timestamptz not null default now()
      );
      create unique index ward_indicators_by_name on ward_indicators (network_id, lower(name));
      create table ward_indicator_values (
        indicator_id uuid not null references ward_indicators (id) on delete cascade,
        ward_code text not null,
        value double precision not null,
        primary key (indicator_id, ward_code)
      );
    `
  },
  {
    // The community organisations of the network; a conversation may say which one recorded it.
    // Archived ones stay: conversations recorded offline may still name them. Names are unique
    // among the organisations not archived, in any case.
    id: '006-organisations',
    sql: `
      create table organisations (
        id uuid primary key,
        network_id uuid not null references networks (id),
        name text not null,
        archived boolean not null default false
      );
      create unique index organisations_by_name on organisations (network_id, lower(name)) where not archived;
      alter table conversations add column organisation_id uuid references organisations (id);
    `
  },
  {
    // The ward map counts a network's live conversations per ward, by dates, event, organisation and theme
    // (ward-map-query.ts). Each index holds every column the query reads, so a date range or an
    // event is answered from its slice of an index alone: a week of 1,000,000 conversations in
    // 12 ms instead of 160 ms, one event in 18 ms instead of 175 ms. Erased ones are left out.
    // With no date or event the whole table is read either way (a parallel sequential scan).
    id: '007-ward-map-indexes',
    sql: `
      create index conversations_for_ward_map on conversations (network_id, recorded_at)
        include (ward_code, event_id, organisation_id, theme_ids) where deleted_at is null;
      create index conversations_for_ward_map_by_event on conversations (network_id, event_id)
        include (ward_code, recorded_at, organisation_id, theme_ids) where deleted_at is null and event_id is not null;
      create index conversations_for_ward_map_by_organisation on conversations (network_id, organisation_id)
        include (ward_code, recorded_at, event_id, theme_ids) where deleted_at is null and organisation_id is not null;
    `
  },
  {
    // Accounts, roles and enrolled tablets (issue 10). People sign in (coordinators, leads, anchor
    // staff); tablets hold a device credential and their workers unlock them with a PIN. Secrets
    // (session tokens, invitation and reset links, enrolment codes, device credentials) are stored
    // only as SHA-256 hashes. Sign-in failures, lockouts and rate-limit counters live here too, so
    // several server processes on one database behave as one.
    id: '008-accounts-devices-audit',
    sql: `
      alter table networks
        add column idle_lock_minutes int not null default 10 check (idle_lock_minutes between 1 and 240),
        add column leads_see_contacts boolean not null default false;
      create table people (
        id uuid primary key,
        network_id uuid not null references networks (id),
        email text not null,
        name text not null,
        role text not null check (role in ('coordinator', 'lead', 'staff')),
        organisation_id uuid references organisations (id),
        password_hash text not null,
        active boolean not null default true,
        failed_sign_ins int not null default 0,
        locked_until timestamptz,
        created_at timestamptz not null default now(),
        check (role <> 'lead' or organisation_id is not null)
      );
      create unique index people_by_email on people (network_id, lower(email));
      create table sessions (
        id text primary key,
        person_id uuid not null references people (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        absolute_expires_at timestamptz not null
      );
      create index sessions_by_person on sessions (person_id);
      create table account_links (
        id text primary key,
        network_id uuid not null references networks (id),
        kind text not null check (kind in ('invitation', 'password-reset')),
        email text not null,
        role text check (role in ('coordinator', 'lead', 'staff')),
        organisation_id uuid references organisations (id),
        person_id uuid references people (id),
        created_by uuid references people (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz
      );
      create index account_links_by_email on account_links (network_id, lower(email));
      create table rate_limits (
        key text primary key,
        window_started_at timestamptz not null,
        hits int not null
      );
      create table workers (
        id uuid primary key,
        network_id uuid not null references networks (id),
        organisation_id uuid not null references organisations (id),
        name text not null,
        pin jsonb,
        active boolean not null default true,
        created_at timestamptz not null default now()
      );
      create unique index workers_by_name on workers (organisation_id, lower(name)) where active;
      create table devices (
        id uuid primary key,
        network_id uuid not null references networks (id),
        organisation_id uuid not null references organisations (id),
        label text not null,
        credential_hash text not null unique,
        status text not null default 'active' check (status in ('active', 'retiring', 'retired', 'lost')),
        enrolled_at timestamptz not null default now(),
        enrolled_by uuid references people (id),
        last_sync_at timestamptz,
        app_version text,
        status_changed_at timestamptz
      );
      create table enrolments (
        id uuid primary key,
        network_id uuid not null references networks (id),
        organisation_id uuid not null references organisations (id),
        code_hash text not null unique,
        label text not null,
        created_by uuid not null references people (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz,
        device_id uuid references devices (id)
      );
      create table audit_log (
        id bigserial primary key,
        network_id uuid not null references networks (id),
        at timestamptz not null default now(),
        actor_kind text not null check (actor_kind in ('person', 'device', 'anonymous', 'system')),
        actor_id uuid,
        actor_name text not null,
        action text not null,
        subject text not null default '',
        details jsonb not null default '{}'
      );
      create index audit_log_by_time on audit_log (network_id, at desc, id desc);
      alter table conversations add column worker_id uuid references workers (id);
      create index conversations_by_worker on conversations (worker_id, seq);
    `
  },
  {
    // A boundary import is staged here in batches, outside its transaction, so the transaction that
    // makes the set current is short (store/boundary-import.ts); `boundary_imports` counts the
    // imports made, so one that committed meanwhile is noticed.
    id: '009-ward-import-staging',
    sql: `
      create table ward_import_rows (
        import_id uuid not null,
        code text not null,
        name text not null,
        local_authority_code text not null,
        local_authority_name text not null,
        boundary jsonb not null,
        status text not null check (status in ('added', 'changed', 'unchanged')),
        rewrite boolean not null,
        staged_at timestamptz not null default now(),
        primary key (import_id, code)
      );
      alter table networks add column boundary_imports int not null default 0;
    `
  },
  {
    // Issue 11: every app now parses dates only from 2000 to 2100 (domain/instant.ts), so one
    // stored before from a tablet whose clock was wrong would stop every pull that reaches it. It
    // becomes the time the server received the conversation; the audit log keeps the date the
    // tablet gave. A new revision and sequence number carry the change to every device (S4).
    id: '010-recorded-at-within-range',
    sql: `
      create temporary table out_of_range on commit drop as
        select c.id, c.network_id, c.recorded_at, c.received_at,
               row_number() over (partition by c.network_id order by c.seq) as n,
               count(*) over (partition by c.network_id) as k
          from conversations c
         where c.deleted_at is null
           and (c.recorded_at < '2000-01-01T00:00:00Z' or c.recorded_at > '2100-01-01T00:00:00Z');
      insert into audit_log (network_id, actor_kind, actor_name, action, subject, details)
        select network_id, 'system', 'Anchor Listening', 'conversation-date-corrected', id::text,
               jsonb_build_object('recordedAt', recorded_at::text, 'correctedTo', received_at::text)
          from out_of_range;
      update networks w set last_seq = w.last_seq + r.k
        from (select distinct network_id, k from out_of_range) r where r.network_id = w.id;
      update conversations c set recorded_at = r.received_at, revision = c.revision + 1,
             seq = (select last_seq from networks w where w.id = r.network_id) - r.k + r.n
        from out_of_range r where r.id = c.id;
    `
  },
  {
    // Issue 12: a ward's share shows on the map only from this many conversations (domain/ward-map.ts,
    // MINIMUM_CONVERSATIONS); the coordinator sets it on the settings page.
    id: '011-map-minimum-conversations',
    sql: `
      alter table networks
        add column map_minimum_conversations int not null default 5 check (map_minimum_conversations between 1 and 100);
    `
  }
];

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
