import type { Migration } from './migration';

export default {
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
} satisfies Migration;
