import type { Migration } from './migration';

/**
 * A boundary import is staged here in batches, outside its transaction, so the transaction that
 * makes the set current is short (store/boundary-import.ts); `boundary_imports` counts the
 * imports made, so one that committed meanwhile is noticed.
 */
export default {
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
} satisfies Migration;
