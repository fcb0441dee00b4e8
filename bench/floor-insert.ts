import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../src/lib/domain/conversation';
import type { SqlDatabase } from '../src/lib/server/store/sql-database';

/** Whose rows the floor inserts: the network, the tablet that pushed them and the worker who recorded them. */
export interface FloorOwner {
  networkId: string;
  deviceId: string;
  workerId: string;
}

/**
 * The storage floor: the same rows as a push stores (new ids; the worker and organisation with
 * their foreign keys), as plain multi-row `INSERT … VALUES` statements of `rowsPerStatement` rows
 * each, each in a transaction of its own; returns rows/s.
 */
export async function floorInsertRate(
  db: SqlDatabase,
  owner: FloorOwner,
  conversations: Conversation[],
  rowsPerStatement: number
): Promise<number> {
  const insert = async (batch: Conversation[]) => {
    const params: unknown[] = [];
    const rows = batch.map((c) => {
      const values = [uuidv7(), owner.networkId, c.wardCode, c.recordedAt, c.eventId, c.organisationId ?? null, JSON.stringify(c.answers),
        JSON.stringify(c.quotes), `{${c.themeIds.join(',')}}`, c.peopleCount, JSON.stringify(c.equality), c.followUp.wanted, true,
        owner.deviceId, owner.workerId];
      params.push(...values);
      return `(${values.map((_, i) => `$${params.length - values.length + i + 1}`).join(', ')})`;
    });
    await db.transaction((tx) =>
      tx.query(
        `insert into conversations (id, network_id, ward_code, recorded_at, event_id, organisation_id, answers, quotes, theme_ids,
                                    people_count, equality, follow_up_wanted, consent_to_record, device_id, worker_id)
         values ${rows.join(', ')}`,
        params
      )
    );
  };
  const batches = Array.from({ length: Math.ceil(conversations.length / rowsPerStatement) }, (_, i) =>
    conversations.slice(i * rowsPerStatement, (i + 1) * rowsPerStatement)
  );
  await insert(batches[0].map((c) => ({ ...c }))); // warm-up: plans and caches, untimed
  const start = performance.now();
  for (const batch of batches) await insert(batch);
  return conversations.length / ((performance.now() - start) / 1000);
}
