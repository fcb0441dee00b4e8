import { CONTACT_DELETED_NOTE } from '$lib/domain/contact-retention';
import type { Conversation } from '$lib/domain/conversation';
import { mergeUpdate, type FieldStamps } from '$lib/domain/field-merge';
import type { Change } from '$lib/domain/protocol';
import { CONVERSATION_SELECT } from './conversation-reads';
import { UnknownReferenceError } from './errors';
import { refuseOutOfScope, refuseUnknownReferences } from './reference-checks';
import { refuseWrongCodes, withServerCodes } from './reference-code-blocks';
import type { SqlClient, SqlDatabase } from './sql-database';
import type { AppliedChanges, ChangeBatch, ChangeNote } from './store';

type Create = Extract<Change, { op: 'create' }>;
type Update = Extract<Change, { op: 'update' }>;
type Delete = Extract<Change, { op: 'delete' }>;

/**
 * Applies a pushed batch in one transaction, in order (SYNC-SPEC S2, S3). Creates are idempotent
 * by conversation id and go in as one statement per run; updates and deletes are idempotent by
 * change id and merge field by field (S5). A deleted conversation stays deleted (S6). Every
 * conversation changed gets the network's next sequence number, for pull (S4). Contact details
 * deleted for good stay deleted (S10): an edit carrying them is applied without them, and noted.
 */
export async function applyChanges(db: SqlDatabase, batch: ChangeBatch): Promise<AppliedChanges> {
  if (batch.changes.length === 0) return { notes: [], referenceCodes: {} };
  const notes: ChangeNote[] = [];
  const referenceCodes = await db.transaction(async (tx) => {
    notes.length = 0; // a transaction retried from the start notes afresh
    await refuseUnknownReferences(tx, batch.networkId, batch.changes);
    await refuseOutOfScope(tx, batch);
    const nextSeq = await takeSequenceNumbers(tx, batch.networkId, batch.changes.length);
    // Under the network row's lock taken with the numbers, so no other push's codes are in flight (issue 13).
    await refuseWrongCodes(tx, batch, batch.changes.filter((change): change is Create => change.op === 'create'));
    for (const run of runsOfCreates(batch.changes)) {
      if (Array.isArray(run)) await insertConversations(tx, batch, run.map((create) => ({ create, seq: nextSeq() })));
      else if (await alreadyApplied(tx, run.changeId)) nextSeq();
      else if (run.op === 'update') await updateConversation(tx, batch, run, nextSeq(), notes);
      else await deleteConversation(tx, batch, run, nextSeq());
    }
    return serverGivenCodes(tx, batch.changes);
  });
  return { notes, referenceCodes };
}

/**
 * The network's next `count` sequence numbers (S4), handed out in order. Taking them locks the
 * network row until commit, so changes commit in sequence order and a puller never skips a
 * number still in flight.
 */
export async function takeSequenceNumbers(tx: SqlClient, networkId: string, count: number): Promise<() => string> {
  const [{ last }] = await tx.query<{ last: string }>(
    'update networks set last_seq = last_seq + $2 where id = $1 returning last_seq::text as last',
    [networkId, count]
  );
  let seq = BigInt(last) - BigInt(count);
  return () => String(++seq);
}

/** The codes of conversations created in this batch without one, which the server gave (issue 13). */
async function serverGivenCodes(tx: SqlClient, changes: Change[]): Promise<Record<string, string>> {
  const uncoded = changes.flatMap((change) => (change.op === 'create' && !change.conversation.referenceCode ? [change.conversation.id] : []));
  if (uncoded.length === 0) return {};
  const rows = await tx.query<{ id: string; code: string }>(
    `select id::text as id, reference_code as code from conversations
      where reference_code is not null and id::text in (select jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(uncoded)]
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.code]));
}

/** Consecutive creates grouped, so a batch of new conversations is a single statement. */
function runsOfCreates(changes: Change[]): (Create[] | Update | Delete)[] {
  const runs: (Create[] | Update | Delete)[] = [];
  for (const change of changes) {
    const last = runs.at(-1);
    if (change.op !== 'create') runs.push(change);
    else if (Array.isArray(last)) last.push(change);
    else runs.push([change]);
  }
  return runs;
}

async function insertConversations(tx: SqlClient, batch: ChangeBatch, run: { create: Create; seq: string }[]) {
  // A conversation created twice in one batch (a retried create queued again) is created once,
  // as a create of one already stored is: idempotent by conversation id (S2).
  const seen = new Set<string>();
  const unique = run.filter(({ create }) => !seen.has(create.conversation.id) && seen.add(create.conversation.id));
  const coded = await withServerCodes(tx, batch.networkId, unique.map(({ create }) => create));
  const creates = unique.map(({ seq }, i) => ({ create: coded[i], seq }));
  await tx.query(
    `with incoming as (
       select * from jsonb_to_recordset($1::jsonb) as c(id uuid, "wardCode" text, "recordedAt" timestamptz,
         "eventId" uuid, "organisationId" uuid, answers jsonb, quotes jsonb, "themeIds" uuid[], "peopleCount" int,
         equality jsonb, "followUp" jsonb, "consentToRecord" boolean, "workerId" uuid, seq bigint, "referenceCode" text)
     ), inserted as (
       insert into conversations (id, network_id, ward_code, recorded_at, event_id, organisation_id, answers, quotes,
                                  theme_ids, people_count, equality, follow_up_wanted, consent_to_record, device_id,
                                  worker_id, seq, reference_code)
       select id, $2, "wardCode", "recordedAt", "eventId", "organisationId", answers, quotes, "themeIds", "peopleCount", equality,
              ("followUp"->>'wanted')::boolean, "consentToRecord", $3, "workerId", seq, "referenceCode"
         from incoming
       on conflict (id) do nothing
       returning id
     )
     insert into follow_up_contacts (conversation_id, contact)
     select i.id, i."followUp"->>'contact' from incoming i join inserted using (id)
      where (i."followUp"->>'wanted')::boolean`,
    [JSON.stringify(creates.map(({ create, seq }) => ({ ...create.conversation, workerId: create.workerId, seq }))), batch.networkId, batch.deviceId]
  );
}

async function alreadyApplied(tx: SqlClient, changeId: string): Promise<boolean> {
  const rows = await tx.query('select 1 from applied_changes where change_id = $1', [changeId]);
  return rows.length > 0;
}

async function recordApplied(tx: SqlClient, change: Update | Delete) {
  await tx.query('insert into applied_changes (change_id, conversation_id) values ($1, $2)', [change.changeId, change.conversationId]);
}

async function updateConversation(tx: SqlClient, batch: ChangeBatch, original: Update, seq: string, notes: ChangeNote[]) {
  const [target] = await tx.query<{ deleted: boolean; equalityWithdrawn: boolean; revision: number; stamps: FieldStamps; contactDeleted: boolean }>(
    `select deleted_at is not null as deleted, equality_withdrawn_at is not null as "equalityWithdrawn", revision,
            field_stamps as stamps, contact_deleted_at is not null as "contactDeleted"
       from conversations where id = $1 and network_id = $2 for update`,
    [original.conversationId, batch.networkId]
  );
  if (!target) {
    throw new UnknownReferenceError([
      { changeId: original.changeId, message: `Conversation ${original.conversationId} does not exist, so it cannot be changed.` }
    ]);
  }
  const update = target.contactDeleted ? withoutFollowUp(original, notes) : original;
  if (!target.deleted) {
    const [current] = await tx.query<Conversation>(`${CONVERSATION_SELECT} where c.id = $1`, [update.conversationId]);
    // Equality answers the resident withdrew stay withdrawn, whatever a tablet edited offline.
    const fields = target.equalityWithdrawn ? { ...update.fields, equality: undefined } : update.fields;
    const merged = mergeUpdate(
      { revision: target.revision, values: current, stamps: target.stamps },
      { ...update, fields, deviceId: batch.deviceId }
    );
    if (merged.revision !== target.revision) {
      await writeFields(tx, { ...current, ...merged.applied }, merged.revision, merged.stamps, seq);
      if (merged.applied.followUp) await setContact(tx, current.id, merged.applied.followUp);
    }
    for (const lost of merged.lost) {
      await tx.query(
        `insert into conversation_history (conversation_id, field, lost_value, lost_change_id, won_change_id)
         values ($1, $2, $3::jsonb, $4, $5)`,
        [update.conversationId, lost.field, JSON.stringify(lost.value ?? null), lost.lostChangeId, lost.wonChangeId]
      );
    }
  }
  await recordApplied(tx, update);
}

/**
 * Once a conversation's contact details were deleted (retention, or the follow-up done), no edit
 * sets its follow-up again: a tablet edits offline against the copy it had, and could otherwise
 * revive what was deleted (SYNC-SPEC S10). The rest of the edit applies; the tablet is told.
 */
function withoutFollowUp(update: Update, notes: ChangeNote[]): Update {
  if (update.fields.followUp === undefined) return update;
  const { followUp: _, ...fields } = update.fields;
  notes.push({ changeId: update.changeId, message: CONTACT_DELETED_NOTE });
  return { ...update, fields };
}

/** Writes a conversation's fields, revision, stamps and sequence number in one statement. */
export async function writeFields(tx: SqlClient, values: Conversation, revision: number, stamps: FieldStamps, seq: string) {
  await tx.query(
    `update conversations c
        set ward_code = v."wardCode", event_id = v."eventId", organisation_id = v."organisationId",
            answers = v.answers, quotes = v.quotes,
            theme_ids = v."themeIds", people_count = v."peopleCount", equality = v.equality,
            follow_up_wanted = (v."followUp"->>'wanted')::boolean, consent_to_record = v."consentToRecord",
            revision = $3, field_stamps = $4::jsonb, seq = $5::bigint
       from jsonb_to_record($2::jsonb) as v("wardCode" text, "eventId" uuid, "organisationId" uuid, answers jsonb, quotes jsonb,
            "themeIds" uuid[], "peopleCount" int, equality jsonb, "followUp" jsonb, "consentToRecord" boolean)
      where c.id = $1`,
    [values.id, JSON.stringify(values), revision, JSON.stringify(stamps), seq]
  );
}

export async function setContact(tx: SqlClient, conversationId: string, followUp: Conversation['followUp']) {
  await tx.query('delete from follow_up_contacts where conversation_id = $1', [conversationId]);
  if (followUp.wanted) {
    await tx.query('insert into follow_up_contacts (conversation_id, contact) values ($1, $2)', [conversationId, followUp.contact]);
  }
}

/** A tablet's delete (S6): the conversation erased, the tablet and worker named in the audit log. */
async function deleteConversation(tx: SqlClient, batch: ChangeBatch, change: Delete, seq: string) {
  const { networkId } = batch;
  if (!(await eraseConversation(tx, networkId, change.conversationId, seq))) {
    const exists = await tx.query('select 1 from conversations where id = $1 and network_id = $2', [change.conversationId, networkId]);
    if (exists.length === 0) return; // never reached the server: nothing to erase
  } else {
    // The audit log says an erasure happened, by which tablet and worker: never what was said.
    await tx.query(
      `insert into audit_log (network_id, actor_kind, actor_id, actor_name, action, subject, details)
       select $1, 'device', d.id, d.label || coalesce(' (' || w.name || ')', ''), 'conversation-erased', $2, jsonb_build_object('workerId', $3::text)
         from devices d left join workers w on w.id = $3::uuid where d.id = $4`,
      [networkId, change.conversationId, change.workerId, batch.deviceId]
    );
  }
  await recordApplied(tx, change);
}

/**
 * Erases what the resident said, its history and contact details, and what would tie the
 * tombstone to the resident (their reference code, the event), keeping a tombstone (S6) with
 * sequence number `seq`, so a stale offline edit cannot revive it and devices learn of the
 * deletion when they pull. False when it was already erased or never reached the server.
 */
export async function eraseConversation(tx: SqlClient, networkId: string, conversationId: string, seq: string): Promise<boolean> {
  const erased = await tx.query(
    `update conversations set deleted_at = now(), answers = '[]', quotes = '[]', theme_ids = '{}',
            equality = '{}', follow_up_wanted = false, field_stamps = '{}', revision = revision + 1, seq = $3::bigint,
            reference_code = null, event_id = null
      where id = $1 and network_id = $2 and deleted_at is null returning id`,
    [conversationId, networkId, seq]
  );
  await tx.query('delete from follow_up_contacts where conversation_id = $1', [conversationId]);
  await tx.query('delete from conversation_history where conversation_id = $1', [conversationId]);
  return erased.length > 0;
}
