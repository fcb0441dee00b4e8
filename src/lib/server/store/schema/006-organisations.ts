import type { Migration } from './migration';

/**
 * The community organisations of the network; a conversation may say which one recorded it.
 * Archived ones stay: conversations recorded offline may still name them. Names are unique
 * among the organisations not archived, in any case.
 */
export default {
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
} satisfies Migration;
