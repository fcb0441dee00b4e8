import type { Migration } from './migration';

/**
 * Issue 15, "You said, we did": anchor organisations' responses to what residents raised. A
 * response is for one theme and some wards (`response_wards`) or the whole network; its evidence
 * is the wards' figures for the theme when it was made (counts only) and the quotes it cites, each
 * by its ward and its words' md5 (`response_quotes`) — never a copy of residents' words, so an
 * erased or corrected quote is no longer shown. Dated notes record how it goes. The network may
 * switch its public ward pages off (`public_ward_pages`).
 */
export default {
  id: '020-responses',
  sql: `
    create table responses (
      id uuid primary key,
      network_id uuid not null references networks (id),
      organisation_id uuid not null references organisations (id),
      theme_id uuid not null references themes (id),
      whole_network boolean not null,
      action text not null,
      due_by date not null,
      status text not null check (status in ('planned', 'under-way', 'done', 'not-possible')),
      reason text,
      public boolean not null,
      evidence jsonb not null default '[]',
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'not-possible' or coalesce(reason, '') <> '')
    );
    create index responses_by_network_theme on responses (network_id, theme_id);
    create table response_wards (
      response_id uuid not null references responses (id) on delete cascade,
      network_id uuid not null,
      ward_code text not null,
      primary key (response_id, ward_code),
      foreign key (network_id, ward_code) references wards (network_id, code)
    );
    create index response_wards_by_ward on response_wards (network_id, ward_code);
    create table response_quotes (
      response_id uuid not null references responses (id) on delete cascade,
      ward_code text not null,
      text_md5 text not null,
      primary key (response_id, ward_code, text_md5)
    );
    create table response_notes (
      id uuid primary key,
      response_id uuid not null references responses (id) on delete cascade,
      status text not null,
      reason text,
      note text not null,
      written_by uuid,
      written_by_name text not null,
      written_at timestamptz not null default now()
    );
    create index response_notes_by_response on response_notes (response_id, written_at);
    alter table networks add column public_ward_pages boolean not null default true;
  `
} satisfies Migration;
