import type { Change } from '$lib/domain/protocol';
import { UnknownReferenceError } from './errors';
import type { SqlClient } from './sql-database';

type ReferenceKind = 'ward' | 'theme' | 'prompt' | 'event' | 'organisation';

const WHAT: Record<ReferenceKind, string> = {
  ward: 'ward',
  theme: 'theme',
  prompt: 'prompt',
  event: 'listening event',
  organisation: 'organisation'
};

/** Every ward, theme, prompt, event and organisation each change names, with the change and its conversation. */
function referencesOf(changes: Change[]) {
  const found: { kind: ReferenceKind; value: string; conversation: string; change: string }[] = [];
  for (const change of changes) {
    if (change.op === 'delete') continue;
    const [conversation, fields] =
      change.op === 'create' ? [change.conversation.id, change.conversation] : [change.conversationId, change.fields];
    const add = (kind: ReferenceKind, value: string | null | undefined) => {
      if (value) found.push({ kind, value, conversation, change: change.changeId });
    };
    add('ward', fields.wardCode);
    add('event', fields.eventId);
    add('organisation', fields.organisationId);
    fields.themeIds?.forEach((themeId) => add('theme', themeId));
    fields.answers?.forEach((answer) => add('prompt', answer.promptId));
  }
  return found;
}

/**
 * Refuses a batch naming a ward, theme, prompt, event or organisation that is not the network's,
 * naming each. Archived prompts, events and organisations still count: conversations recorded offline may use them.
 */
export async function refuseUnknownReferences(tx: SqlClient, networkId: string, changes: Change[]): Promise<void> {
  const references = referencesOf(changes);
  if (references.length === 0) return;
  const unknown = await tx.query<{ kind: ReferenceKind; value: string; conversation: string; change: string }>(
    `with refs as (
       select * from jsonb_to_recordset($1::jsonb) as r(kind text, value text, conversation text, change text)
     ), missing as (
       select kind, value from (select distinct kind, value from refs) as r
        where not case r.kind
          when 'ward' then exists (select 1 from wards w where w.network_id = $2 and w.code = r.value)
          when 'theme' then exists (select 1 from themes t where t.network_id = $2 and t.id::text = r.value)
          when 'prompt' then exists (select 1 from prompts p where p.network_id = $2 and p.id::text = r.value)
          when 'event' then exists (select 1 from listening_events e where e.network_id = $2 and e.id::text = r.value)
          when 'organisation' then exists (select 1 from organisations o where o.network_id = $2 and o.id::text = r.value)
        end
     )
     select r.kind, r.value, r.conversation, r.change from refs r join missing m using (kind, value)`,
    [JSON.stringify(references), networkId]
  );
  if (unknown.length === 0) return;
  throw new UnknownReferenceError(
    unknown.map((u) => ({
      changeId: u.change,
      message: `Conversation ${u.conversation}: ${WHAT[u.kind]} ${u.value} is not one of this network's ${WHAT[u.kind]}s.`
    }))
  );
}

/**
 * Refuses changes a tablet may not make (issue 10): every change names a worker of the tablet's
 * organisation (one who has since left still counts: they recorded it while they worked there);
 * a conversation is recorded for the tablet's organisation; a worker changes or deletes only
 * conversations they recorded.
 */
export async function refuseOutOfScope(tx: SqlClient, batch: { networkId: string; organisationId: string; changes: Change[] }): Promise<void> {
  const workerIds = [...new Set(batch.changes.map((change) => change.workerId))];
  const targets = batch.changes.flatMap((change) => (change.op === 'create' ? [] : [change.conversationId]));
  const [workers, recorded] = await Promise.all([
    tx.query<{ id: string }>(
      `select id::text as id from workers where network_id = $1 and organisation_id = $2 and id::text in (select jsonb_array_elements_text($3::jsonb))`,
      [batch.networkId, batch.organisationId, JSON.stringify(workerIds)]
    ),
    targets.length === 0
      ? []
      : tx.query<{ id: string; workerId: string | null }>(
          `select id::text as id, worker_id::text as "workerId" from conversations
            where network_id = $1 and id::text in (select jsonb_array_elements_text($2::jsonb))`,
          [batch.networkId, JSON.stringify(targets)]
        )
  ]);
  const ours = new Set(workers.map((w) => w.id));
  const recordedBy = new Map(recorded.map((c) => [c.id, c.workerId]));
  const rejected: { changeId: string; message: string }[] = [];
  for (const change of batch.changes) {
    const conversationId = change.op === 'create' ? change.conversation.id : change.conversationId;
    const organisationId = change.op === 'create' ? change.conversation.organisationId : change.op === 'update' ? change.fields.organisationId : undefined;
    const refuse = (message: string) => rejected.push({ changeId: change.changeId, message: `Conversation ${conversationId}: ${message}` });
    if (!ours.has(change.workerId)) refuse('the worker who made this change is not one of this tablet’s organisation’s workers.');
    else if (organisationId !== undefined && organisationId !== batch.organisationId) {
      refuse('it must be recorded for the organisation this tablet is enrolled for.');
    } else if (change.op !== 'create' && recordedBy.has(conversationId) && recordedBy.get(conversationId) !== change.workerId) {
      refuse('it was recorded by someone else, so this worker cannot change or delete it.');
    }
  }
  if (rejected.length > 0) throw new UnknownReferenceError(rejected);
}
