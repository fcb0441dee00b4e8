import { MAX_BLOCKS_PER_DEVICE } from '$lib/domain/reference-code';
import { allocateBlock } from './reference-code-blocks';
import type { SqlDatabase } from './sql-database';

/**
 * A tablet's reference-code blocks, oldest first (issue 13). It always has one; with `more` (the
 * tablet has used most of its codes) it gets one further block, up to MAX_BLOCKS_PER_DEVICE.
 * The tablet's row is locked meanwhile, so two requests of one tablet never both add a block.
 */
export async function deviceCodeBlocks(db: SqlDatabase, networkId: string, deviceId: string, options: { more: boolean }): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select id from devices where id = $1 and network_id = $2 for update', [deviceId, networkId]);
    const blocks = async () =>
      (await tx.query<{ prefix: string }>(
        'select prefix from reference_code_blocks where network_id = $1 and device_id = $2 order by allocated_at, prefix',
        [networkId, deviceId]
      )).map((row) => row.prefix);
    const held = await blocks();
    if (held.length === 0 || (options.more && held.length < MAX_BLOCKS_PER_DEVICE)) {
      await allocateBlock(tx, networkId, deviceId);
      return blocks();
    }
    return held;
  });
}

/** The conversation that has this code in the network, if any (ids only: who may see it is decided by the caller). */
export async function conversationIdByCode(db: SqlDatabase, networkId: string, code: string): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    'select id::text as id from conversations where network_id = $1 and reference_code = $2 and deleted_at is null',
    [networkId, code]
  );
  return row?.id ?? null;
}

/** How residents contact the network about their conversation (printed on thank-you cards); null until a coordinator sets it. */
export async function residentContact(db: SqlDatabase, networkId: string): Promise<string | null> {
  const [row] = await db.query<{ contact: string | null }>('select resident_contact as contact from networks where id = $1', [networkId]);
  return row?.contact ?? null;
}

export async function setResidentContact(db: SqlDatabase, networkId: string, contact: string | null): Promise<void> {
  await db.query('update networks set resident_contact = $2 where id = $1', [networkId, contact]);
}
