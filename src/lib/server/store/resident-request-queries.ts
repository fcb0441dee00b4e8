import { uuidv7 } from 'uuidv7';
import type { AuditActor } from '$lib/domain/audit';
import type { Conversation, ConversationFields } from '$lib/domain/conversation';
import type { ConversationRecord } from '$lib/domain/conversation-record';
import { mergeUpdate, type FieldStamps } from '$lib/domain/field-merge';
import * as audit from './audit-queries';
import { CONVERSATION_SELECT } from './conversation-reads';
import { RECORD_SELECT, recordFor, type RecordRow } from './conversation-records-query';
import { eraseConversation, setContact, takeSequenceNumbers, writeFields } from './conversation-writes';
import { refuseUnknownReferences } from './reference-checks';
import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * What a coordinator does when a resident asks about their conversation (issue 13, UK GDPR
 * Articles 15 to 17): read it, erase it, withdraw its equality answers, correct it, or give them
 * a copy. Each is one transaction with its audit entry, which names the conversation and never
 * what was said; each change takes a new sequence number so tablets learn of it when they pull.
 */

/** A conversation as the resident's request finds it: erased ones are kept as tombstones. */
export interface RequestedConversation {
  record: ConversationRecord;
  erasedAt: string | null;
  equalityWithdrawnAt: string | null;
}

/** The conversation in full, as a coordinator reads it, with whether it was erased or its equality answers withdrawn. */
export async function find(db: SqlClient, networkId: string, conversationId: string): Promise<RequestedConversation | null> {
  const [row] = await db.query<RecordRow & { erasedAt: string | null; equalityWithdrawnAt: string | null }>(
    `${RECORD_SELECT.replace(
      'select ',
      `select to_char(c.deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "erasedAt",
              to_char(c.equality_withdrawn_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "equalityWithdrawnAt", `
    )}
      where c.id::text = $1 and c.network_id = $2`,
    [conversationId, networkId]
  );
  if (!row) return null;
  const { erasedAt, equalityWithdrawnAt, ...rest } = row;
  const record = recordFor(rest, { role: 'coordinator' });
  return record && { record, erasedAt, equalityWithdrawnAt };
}

/** Erases the conversation everywhere (S6). False when there was nothing left to erase. */
export async function erase(db: SqlDatabase, networkId: string, conversationId: string, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockLive(tx, networkId, conversationId))) return false;
    const nextSeq = await takeSequenceNumbers(tx, networkId, 1);
    await eraseConversation(tx, networkId, conversationId, nextSeq());
    await audit.record(tx, networkId, { actor, action: 'conversation-erased', subject: conversationId, details: { request: 'resident' } });
    return true;
  });
}

/** Removes the equality answers, from the conversation and its history, for good. */
export async function withdrawEquality(db: SqlDatabase, networkId: string, conversationId: string, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await lockLive(tx, networkId, conversationId))) return false;
    const nextSeq = await takeSequenceNumbers(tx, networkId, 1);
    await tx.query(
      `update conversations set equality = '{}', equality_withdrawn_at = coalesce(equality_withdrawn_at, now()),
              field_stamps = field_stamps - 'equality', revision = revision + 1, seq = $2::bigint
        where id = $1`,
      [conversationId, nextSeq()]
    );
    await tx.query(`delete from conversation_history where conversation_id = $1 and field = 'equality'`, [conversationId]);
    await audit.record(tx, networkId, { actor, action: 'equality-withdrawn', subject: conversationId });
    return true;
  });
}

/**
 * Applies the resident's corrections as an edit made now (S5): it wins over tablets' edits made
 * before it (those go to the conversation's history, as any edit that lost does), and what it
 * replaced is not kept: it was wrong. Throws UnknownReferenceError, changing nothing, when a ward, theme or prompt is not the network's.
 */
export async function correct(
  db: SqlDatabase,
  networkId: string,
  conversationId: string,
  fields: Partial<ConversationFields>,
  actor: AuditActor & { id: string }
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const target = await lockLive(tx, networkId, conversationId);
    if (!target) return false;
    const changeId = uuidv7();
    const withdrawn = target.equalityWithdrawn ? { equality: undefined } : {};
    const update = { op: 'update' as const, changeId, workerId: actor.id, conversationId, baseRevision: target.revision, fields: { ...fields, ...withdrawn } };
    await refuseUnknownReferences(tx, networkId, [update]);
    const [current] = await tx.query<Conversation>(`${CONVERSATION_SELECT} where c.id = $1`, [conversationId]);
    // The coordinator's person id stands where a tablet's id would: no tablet has it.
    const merged = mergeUpdate({ revision: target.revision, values: current, stamps: target.stamps }, { ...update, deviceId: actor.id });
    if (merged.revision === target.revision) return true; // nothing differed
    const nextSeq = await takeSequenceNumbers(tx, networkId, 1);
    await writeFields(tx, { ...current, ...merged.applied }, merged.revision, merged.stamps, nextSeq());
    if (merged.applied.followUp) await setContact(tx, conversationId, merged.applied.followUp);
    await audit.record(tx, networkId, {
      actor,
      action: 'conversation-corrected',
      subject: conversationId,
      details: { fields: Object.keys(merged.applied).sort().join(', ') }
    });
    return true;
  });
}

/** Notes in the audit log that the resident was given a copy of their conversation. */
export async function recordCopyGiven(db: SqlDatabase, networkId: string, conversationId: string, actor: AuditActor): Promise<void> {
  await audit.record(db, networkId, { actor, action: 'resident-copy-given', subject: conversationId });
}

/** Locks a conversation that is not erased for the change; null when there is none. */
async function lockLive(tx: SqlClient, networkId: string, conversationId: string) {
  const [target] = await tx.query<{ revision: number; stamps: FieldStamps; equalityWithdrawn: boolean }>(
    `select revision, field_stamps as stamps, equality_withdrawn_at is not null as "equalityWithdrawn"
       from conversations where id::text = $1 and network_id = $2 and deleted_at is null for update`,
    [conversationId, networkId]
  );
  return target ?? null;
}
