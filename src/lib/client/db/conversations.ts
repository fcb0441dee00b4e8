import { uuidv7 } from 'uuidv7';
import { DeviceConversationFields, isWithheld, SealableConversation, type SealableConversationFields } from '$lib/domain/conversation';
import type { DeviceDatabase, StoredConversation } from './database';
import { queueChange } from './outbox';
import { takeCode } from './reference-codes';

/**
 * Saves a new conversation, recorded by `workerId`, and its outbox entry in one IndexedDB
 * transaction, with the next reference code of the tablet's blocks (issue 13; none when it has
 * none left: the server gives one at sync). When this resolves, all are committed (SYNC-SPEC S1);
 * when it throws, none was written and no code was used.
 */
export async function saveConversation(
  db: DeviceDatabase,
  conversation: SealableConversation,
  workerId: string,
  now: () => Date = () => new Date()
): Promise<StoredConversation> {
  const parsed = SealableConversation.parse(conversation);
  return db.transaction('rw', [db.conversations, db.outbox, db.repeatChanges, db.settings], async () => {
    const valid: SealableConversation = { ...parsed, referenceCode: parsed.referenceCode ?? (await takeCode(db)) };
    const stored: StoredConversation = { ...valid, savedAt: now().toISOString(), revision: 1, workerId };
    await db.conversations.add(stored);
    await queueChange(db, { op: 'create', changeId: uuidv7(), workerId, conversation: valid }, stored.savedAt);
    return stored;
  });
}

/**
 * The fields whose values differ, compared as JSON (arrays and objects by content). A withheld
 * value (contact details, equality answers kept on the server) the worker left alone is no change.
 */
function changedFields(before: DeviceConversationFields, after: DeviceConversationFields): Partial<SealableConversationFields> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof DeviceConversationFields)[]) {
    // `?? null`: a field older versions did not have (organisationId) is unchanged when still empty.
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changed[key] = after[key];
  }
  // Only what the worker typed is ever sent: a withheld value never reaches the outbox.
  if (Object.values(changed).some(isWithheld)) throw new Error('A value kept on the server cannot be sent back to it.');
  return changed as Partial<SealableConversationFields>;
}

/**
 * Saves `workerId`'s edit here and queues the changed fields to sync; an edit that changes
 * nothing queues nothing. A conversation the server never accepted is only changed here: it is
 * sent again whole.
 */
export async function editConversation(
  db: DeviceDatabase,
  id: string,
  fields: DeviceConversationFields,
  workerId: string,
  now: () => Date = () => new Date()
): Promise<StoredConversation> {
  const valid = DeviceConversationFields.parse(fields);
  return db.transaction('rw', [db.conversations, db.outbox, db.repeatChanges, db.rejected], async () => {
    const before = await db.conversations.get(id);
    if (!before || before.workerId !== workerId) throw new Error('This conversation is no longer on this device.');
    const changes = changedFields(before, valid);
    const updated: StoredConversation = { ...before, ...valid, savedAt: now().toISOString() };
    if (Object.keys(changes).length === 0) return before;
    await db.conversations.put(updated);
    const neverAccepted = await db.rejected.where('conversationId').equals(id).filter((e) => e.change.op === 'create').count();
    if (neverAccepted === 0) {
      await queueChange(
        db,
        { op: 'update', changeId: uuidv7(), workerId, conversationId: id, baseRevision: before.revision, fields: changes },
        updated.savedAt
      );
    }
    return updated;
  });
}

/** Removes `workerId`'s conversation from this device and queues its deletion, which the server applies on sync. */
export async function deleteConversation(
  db: DeviceDatabase,
  id: string,
  workerId: string,
  now: () => Date = () => new Date()
): Promise<void> {
  await db.transaction('rw', db.conversations, db.outbox, db.repeatChanges, async () => {
    const before = await db.conversations.get(id);
    if (!before || before.workerId !== workerId) throw new Error('This conversation is no longer on this device.');
    await db.conversations.delete(id);
    await queueChange(db, { op: 'delete', changeId: uuidv7(), workerId, conversationId: id }, now().toISOString());
  });
}
