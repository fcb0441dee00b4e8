import { blockOf, CODES_PER_BLOCK, codeInBlock, REFERENCE_CODE_ALPHABET } from '$lib/domain/reference-code';
import type { Change } from '$lib/domain/protocol';
import { UnknownReferenceError } from './errors';
import type { SqlClient } from './sql-database';

/**
 * Reference-code blocks inside a transaction (issue 13, migration 012). A block is a 3-character
 * prefix unique in the network, given to one tablet or kept by the server (`device_id` null).
 */

type Create = Extract<Change, { op: 'create' }>;

/** Tries a random free prefix this many times: only a concurrent allocation of the same one fails a try. */
const ALLOCATION_TRIES = 10;

/**
 * Gives a new block to the tablet (or to the server, for `deviceId` null): a random prefix no
 * block of the network has. Two allocations racing for one prefix: the unique key lets one in
 * and the other tries again with another.
 */
export async function allocateBlock(tx: SqlClient, networkId: string, deviceId: string | null): Promise<string> {
  for (let attempt = 0; attempt < ALLOCATION_TRIES; attempt++) {
    const [row] = await tx.query<{ prefix: string }>(
      `with alphabet as (select regexp_split_to_table($3::text, '') as c),
            candidates as (select a.c || b.c || d.c as prefix from alphabet a, alphabet b, alphabet d)
       insert into reference_code_blocks (network_id, prefix, device_id)
       select $1, prefix, $2 from candidates
        where prefix not in (select prefix from reference_code_blocks where network_id = $1)
        order by random() limit 1
       on conflict do nothing
       returning prefix`,
      [networkId, deviceId, REFERENCE_CODE_ALPHABET]
    );
    if (row) return row.prefix;
    const [{ left }] = await tx.query<{ left: number }>(
      'select $2::int - count(*)::int as left from reference_code_blocks where network_id = $1',
      [networkId, CODES_PER_BLOCK]
    );
    if (left === 0) throw new Error('Every reference-code block of this network is in use.');
  }
  throw new Error('No free reference-code block could be taken; try again.');
}

/** The next `count` codes from the server's own blocks, for conversations that arrived without one. */
export async function serverCodes(tx: SqlClient, networkId: string, count: number): Promise<string[]> {
  const codes: string[] = [];
  while (codes.length < count) {
    const [taken] = await tx.query<{ prefix: string; number: number }>(
      `update reference_code_blocks set next_number = next_number + 1
        where network_id = $1 and prefix = (
          select prefix from reference_code_blocks
           where network_id = $1 and device_id is null and next_number < $2
           order by allocated_at, prefix limit 1)
        returning prefix, next_number - 1 as number`,
      [networkId, CODES_PER_BLOCK]
    );
    if (taken) codes.push(codeInBlock(taken.prefix, taken.number));
    else await allocateBlock(tx, networkId, null);
  }
  return codes;
}

/**
 * Refuses creates whose code is not from a block of the pushing tablet, or is another
 * conversation's already (in the network or earlier in the batch). A create of a conversation
 * stored already is idempotent and not checked again. Run under the network row's lock, so two
 * pushes never check against each other's uncommitted codes.
 */
export async function refuseWrongCodes(tx: SqlClient, batch: { networkId: string; deviceId: string }, creates: Create[]): Promise<void> {
  const coded = creates.filter((create) => create.conversation.referenceCode);
  if (coded.length === 0) return;
  const codes = coded.map((create) => create.conversation.referenceCode!);
  const [blocks, holders] = await Promise.all([
    tx.query<{ prefix: string }>('select prefix from reference_code_blocks where network_id = $1 and device_id = $2', [batch.networkId, batch.deviceId]),
    tx.query<{ code: string; id: string }>(
      `select reference_code as code, id::text as id from conversations
        where network_id = $1 and reference_code in (select jsonb_array_elements_text($2::jsonb))`,
      [batch.networkId, JSON.stringify(codes)]
    )
  ]);
  const own = new Set(blocks.map((block) => block.prefix));
  const holder = new Map(holders.map((row) => [row.code, row.id]));
  const rejected: { changeId: string; message: string }[] = [];
  for (const create of coded) {
    const { id, referenceCode: code } = create.conversation;
    const refuse = (why: string) => rejected.push({ changeId: create.changeId, message: `Conversation ${id}: reference code ${code} ${why}` });
    if (!own.has(blockOf(code!))) refuse('is not from a code block given to this tablet.');
    else if ((holder.get(code!) ?? id) !== id) refuse('is already another conversation’s.');
    else holder.set(code!, id);
  }
  if (rejected.length > 0) throw new UnknownReferenceError(rejected);
}

/** Gives a server code to each create that carries none and whose conversation is not stored yet. */
export async function withServerCodes(tx: SqlClient, networkId: string, creates: Create[]): Promise<Create[]> {
  const uncoded = creates.filter((create) => !create.conversation.referenceCode);
  if (uncoded.length === 0) return creates;
  const stored = await tx.query<{ id: string }>(
    'select id::text as id from conversations where id::text in (select jsonb_array_elements_text($1::jsonb))',
    [JSON.stringify(uncoded.map((create) => create.conversation.id))]
  );
  const done = new Set(stored.map((row) => row.id));
  const needing = [...new Set(uncoded.map((create) => create.conversation.id).filter((id) => !done.has(id)))];
  const codes = await serverCodes(tx, networkId, needing.length);
  const codeOf = new Map(needing.map((id, i) => [id, codes[i]]));
  return creates.map((create) =>
    codeOf.has(create.conversation.id) ? { ...create, conversation: { ...create.conversation, referenceCode: codeOf.get(create.conversation.id) } } : create
  );
}
