import type { Migration } from './migration';

/**
 * Accounts, roles and enrolled tablets (issue 10). People sign in (coordinators, leads, anchor
 * staff); tablets hold a device credential and their workers unlock them with a PIN. Secrets
 * (session tokens, invitation and reset links, enrolment codes, device credentials) are stored
 * only as SHA-256 hashes. Sign-in failures, lockouts and rate-limit counters live here too, so
 * several server processes on one database behave as one.
 */
export default {
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
} satisfies Migration;
