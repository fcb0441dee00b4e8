import type { Migration } from './migration';

// As in domain/reference-code.ts when this migration was written; a migration never changes.
const ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
const PER_BLOCK = 12167; // 23³

/** SQL for the three characters of a number 0–12,166, as `codeInBlock` writes them (domain/reference-code.ts). */
const threeCharacters = (value: string) =>
  [`(${value}) / 529`, `(${value}) / 23`, `(${value})`].map((n) => `substr('${ALPHABET}', ((${n}) % 23)::int + 1, 1)`).join(' || ');

/** Server block number b is the b-th prefix counted down from YYY, so the server's blocks are easy to tell apart. */
const serverPrefix = (block: string) => threeCharacters(`${PER_BLOCK - 1} - ${block}`);

/**
 * Issue 13: every conversation has a resident's reference code, unique in the network
 * (domain/reference-code.ts). Codes come from blocks: a 3-character prefix given to one tablet
 * (`device_id`), or kept by the server (`device_id` null) for conversations that arrive without a
 * code; `next_number` counts the server's use of its own blocks. Conversations already stored get
 * codes from a server block made here.
 */
export default {
  id: '012-reference-codes',
  sql: `
    create table reference_code_blocks (
      network_id uuid not null references networks (id),
      prefix text not null check (prefix ~ '^[${ALPHABET}]{3}$'),
      device_id uuid references devices (id),
      next_number int not null default 0 check (next_number between 0 and ${PER_BLOCK}),
      allocated_at timestamptz not null default now(),
      primary key (network_id, prefix)
    );
    create index reference_code_blocks_by_device on reference_code_blocks (device_id);
    alter table networks add column resident_contact text;
    alter table conversations add column reference_code text
      check (reference_code ~ '^[${ALPHABET}]{3}-[${ALPHABET}]{3}$');
    create unique index conversations_by_reference_code on conversations (network_id, reference_code);
    with numbered as (
      select id, row_number() over (partition by network_id order by recorded_at, id) - 1 as n from conversations
    )
    update conversations c
       set reference_code = ${serverPrefix(`numbered.n / ${PER_BLOCK}`)} || '-' || ${threeCharacters(`((numbered.n % ${PER_BLOCK}) * 5003 + 4219) % ${PER_BLOCK}`)}
      from numbered where numbered.id = c.id;
    insert into reference_code_blocks (network_id, prefix, device_id, next_number)
    select t.network_id, ${serverPrefix('b')}, null, least(${PER_BLOCK}, t.total - b * ${PER_BLOCK})
      from (select network_id, count(*) as total from conversations group by network_id) t
      cross join lateral generate_series(0, (t.total - 1) / ${PER_BLOCK}) as b;
  `
} satisfies Migration;
