import type { Migration } from './migration';

/**
 * Issue 14: quotes a coordinator chose for printed reports. A quote is the `position`-th (from 1)
 * of its conversation's quotes, and its words' md5 are kept beside it, so a corrected quote (a
 * resident's request) is no longer chosen, rather than another quote taking its place. Reports
 * still print only quotes with consent, of conversations not erased: the choice never overrides
 * either.
 */
export default {
  id: '019-report-quotes',
  sql: `
    create table report_quotes (
      network_id uuid not null references networks (id),
      conversation_id uuid not null references conversations (id) on delete cascade,
      position int not null check (position >= 1),
      text_md5 text not null,
      chosen_by uuid,
      chosen_at timestamptz not null default now(),
      primary key (conversation_id, position)
    );
    create index report_quotes_network on report_quotes (network_id);
  `
} satisfies Migration;
