import type { Migration } from './migration';

/**
 * Prompts and events become data; answers are kept per prompt, with the prompt's wording.
 * The two fixed-id prompts are the defaults every network starts with (domain/prompt.ts).
 */
export default {
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
} satisfies Migration;
