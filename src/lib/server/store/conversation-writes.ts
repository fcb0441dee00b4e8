import type { ConversationFields } from '$lib/domain/conversation';
import type { Change } from '$lib/domain/protocol';
import { UnknownReferenceError } from './errors';
import { refuseUnknownReferences } from './reference-checks';
import type { SqlClient, SqlDatabase } from './sql-database';
import type { ChangeBatch } from './store';

type Create = Extract<Change, { op: 'create' }>;
type Update = Extract<Change, { op: 'update' }>;
type Delete = Extract<Change, { op: 'delete' }>;

/**
 * Applies a pushed batch in one transaction, in order. Creates are idempotent by conversation id
 * and go in as one statement per run; updates and deletes are idempotent by change id. A deleted
 * conversation stays deleted: later updates of it are acknowledged and ignored.
 */
export async function applyChanges(db: SqlDatabase, batch: ChangeBatch): Promise<void> {
  if (batch.changes.length === 0) return;
  await db.transaction(async (tx) => {
    await refuseUnknownReferences(tx, batch.networkId, batch.changes);
    for (const run of runsOfCreates(batch.changes)) {
      if (Array.isArray(run)) await insertConversations(tx, batch, run);
      else if (await alreadyApplied(tx, run.changeId)) continue;
      else if (run.op === 'update') await updateConversation(tx, batch.networkId, run);
      else await deleteConversation(tx, batch.networkId, run);
    }
  });
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

async function insertConversations(tx: SqlClient, batch: ChangeBatch, creates: Create[]) {
  await tx.query(
    `with incoming as (
       select * from jsonb_to_recordset($1::jsonb) as c(id uuid, "wardCode" text, "recordedAt" timestamptz,
         "eventId" uuid, answers jsonb, quotes jsonb, "themeIds" uuid[], "peopleCount" int, equality jsonb,
         "followUp" jsonb, "consentToRecord" boolean)
     ), inserted as (
       insert into conversations (id, network_id, ward_code, recorded_at, event_id, answers, quotes, theme_ids,
                                  people_count, equality, follow_up_wanted, consent_to_record, device_id, user_id)
       select id, $2, "wardCode", "recordedAt", "eventId", answers, quotes, "themeIds", "peopleCount", equality,
              ("followUp"->>'wanted')::boolean, "consentToRecord", $3, $4
         from incoming
       on conflict (id) do nothing
       returning id
     )
     insert into follow_up_contacts (conversation_id, contact)
     select i.id, i."followUp"->>'contact' from incoming i join inserted using (id)
      where (i."followUp"->>'wanted')::boolean`,
    [JSON.stringify(creates.map((c) => c.conversation)), batch.networkId, batch.deviceId, batch.userId]
  );
}

async function alreadyApplied(tx: SqlClient, changeId: string): Promise<boolean> {
  const rows = await tx.query('select 1 from applied_changes where change_id = $1', [changeId]);
  return rows.length > 0;
}

/** Column and SQL value for each editable field; $2 is the field's value as JSON. */
const FIELD_COLUMNS: Record<Exclude<keyof ConversationFields, 'followUp'>, [string, string]> = {
  wardCode: ['ward_code', "$2::jsonb #>> '{}'"],
  eventId: ['event_id', "($2::jsonb #>> '{}')::uuid"],
  answers: ['answers', '$2::jsonb'],
  quotes: ['quotes', '$2::jsonb'],
  themeIds: ['theme_ids', 'array(select jsonb_array_elements_text($2::jsonb))::uuid[]'],
  peopleCount: ['people_count', "($2::jsonb #>> '{}')::int"],
  equality: ['equality', '$2::jsonb'],
  consentToRecord: ['consent_to_record', "($2::jsonb #>> '{}')::boolean"]
};

async function updateConversation(tx: SqlClient, networkId: string, update: Update) {
  const [target] = await tx.query<{ deleted: boolean }>(
    'select deleted_at is not null as deleted from conversations where id = $1 and network_id = $2 for update',
    [update.conversationId, networkId]
  );
  if (!target) {
    throw new UnknownReferenceError([`Conversation ${update.conversationId} does not exist, so it cannot be changed.`]);
  }
  if (!target.deleted) {
    for (const [field, value] of Object.entries(update.fields)) {
      if (field === 'followUp') await setFollowUp(tx, update.conversationId, value as ConversationFields['followUp']);
      else {
        const [column, expression] = FIELD_COLUMNS[field as keyof typeof FIELD_COLUMNS];
        await tx.query(`update conversations set ${column} = ${expression} where id = $1`, [
          update.conversationId,
          JSON.stringify(value)
        ]);
      }
    }
    await tx.query('update conversations set revision = revision + 1 where id = $1', [update.conversationId]);
  }
  await tx.query('insert into applied_changes (change_id, conversation_id) values ($1, $2)', [update.changeId, update.conversationId]);
}

async function setFollowUp(tx: SqlClient, conversationId: string, followUp: ConversationFields['followUp']) {
  await tx.query('update conversations set follow_up_wanted = $2 where id = $1', [conversationId, followUp.wanted]);
  await tx.query('delete from follow_up_contacts where conversation_id = $1', [conversationId]);
  if (followUp.wanted) {
    await tx.query('insert into follow_up_contacts (conversation_id, contact) values ($1, $2)', [conversationId, followUp.contact]);
  }
}

/** Erases what the resident said, keeping a tombstone so a stale offline edit cannot revive it. */
async function deleteConversation(tx: SqlClient, networkId: string, change: Delete) {
  const erased = await tx.query(
    `update conversations set deleted_at = now(), answers = '[]', quotes = '[]', theme_ids = '{}',
            equality = '{}', follow_up_wanted = false, revision = revision + 1
      where id = $1 and network_id = $2 and deleted_at is null returning id`,
    [change.conversationId, networkId]
  );
  if (erased.length === 0) {
    const exists = await tx.query('select 1 from conversations where id = $1 and network_id = $2', [change.conversationId, networkId]);
    if (exists.length === 0) return; // never reached the server: nothing to erase
  }
  await tx.query('delete from follow_up_contacts where conversation_id = $1', [change.conversationId]);
  await tx.query('insert into applied_changes (change_id, conversation_id) values ($1, $2)', [change.changeId, change.conversationId]);
}
