import type { Migration } from './migration';

/**
 * Issue 13: the key pairs tablets seal contact details and equality answers to. The newest is
 * the one tablets are given; older ones stay to open what was sealed with them before a rotation.
 * A deployment that keeps its keys apart gives them in SEALING_PRIVATE_KEYS and this table stays empty.
 */
export default {
  id: '017-sealing-keys',
  sql: `
    create table sealing_keys (
      kid text primary key,
      public_jwk jsonb not null,
      private_jwk jsonb not null,
      made bigserial,
      created_at timestamptz not null default now()
    );
  `
} satisfies Migration;
