import type { Migration } from './migration';

/**
 * Issue 13: follow-up contact details are kept only as long as they are needed. The network sets
 * how many months after the conversation they are deleted (1 to 60, 12 until a coordinator sets
 * it); a coordinator (or a lead allowed to see them) deletes them sooner by marking the follow-up
 * done, which records when and by whom. `contact_deleted_at` marks a conversation whose details
 * are gone for good: later edits from tablets can never bring them back (SYNC-SPEC S10). The
 * partial index holds exactly the conversations the daily job looks at, oldest first.
 */
export default {
  id: '014-contact-retention',
  sql: `
    alter table networks
      add column contact_retention_months int not null default 12 check (contact_retention_months between 1 and 60);
    alter table conversations
      add column follow_up_done_at timestamptz,
      add column follow_up_done_by uuid references people (id),
      add column contact_deleted_at timestamptz,
      add column contact_deleted_reason text check (contact_deleted_reason in ('retention', 'follow-up-done'));
    create index conversations_with_contact_details on conversations (network_id, recorded_at)
      where follow_up_wanted and contact_deleted_at is null and deleted_at is null;
  `
} satisfies Migration;
