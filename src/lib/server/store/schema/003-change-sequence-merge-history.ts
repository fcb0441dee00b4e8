import type { Migration } from './migration';

/**
 * Pull: every change to a conversation gives it the network's next sequence number, allocated
 * under the network row's lock so numbers become visible in order. Field stamps and history
 * carry the field-level merge (SYNC-SPEC S4, S5).
 */
export default {
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
} satisfies Migration;
