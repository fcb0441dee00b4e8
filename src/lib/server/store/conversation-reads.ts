import type { Conversation } from '$lib/domain/conversation';
import type { HistoryEntry } from '$lib/domain/conversation-history';
import type { PullResult, PulledConversation } from '$lib/domain/protocol';
import { redactConversation, redactHistoryEntry, type Viewer } from '$lib/domain/redaction';
import type { SqlClient } from './sql-database';

/**
 * A stored conversation as the domain names it, contact details joined back in. Contact details
 * deleted for good (retention or the follow-up done, issue 13) read as withheld, from everyone:
 * nobody can read them any more, and an edit that leaves them alone keeps them so.
 */
export const CONVERSATION_SELECT = `
  select c.id::text as id, c.ward_code as "wardCode",
         to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt",
         c.event_id::text as "eventId", c.organisation_id::text as "organisationId", c.answers, c.quotes, c.theme_ids::text[] as "themeIds",
         c.people_count as "peopleCount", c.equality,
         case when c.follow_up_wanted and f.contact is not null then jsonb_build_object('wanted', true, 'contact', f.contact)
              when c.follow_up_wanted then jsonb_build_object('wanted', true, 'withheld', true)
              else jsonb_build_object('wanted', false) end as "followUp",
         c.consent_to_record as "consentToRecord", c.reference_code as "referenceCode"
    from conversations c left join follow_up_contacts f on f.conversation_id = c.id`;

/** The conversations with these ids that exist and are not deleted. */
export async function conversationsByIds(db: SqlClient, ids: string[]): Promise<Conversation[]> {
  return db.query<Conversation>(
    `${CONVERSATION_SELECT}
      where c.deleted_at is null and c.id::text in (select jsonb_array_elements_text($1::jsonb))
      order by c.id`,
    [JSON.stringify(ids)]
  );
}

export async function countConversations(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from conversations where network_id = $1 and deleted_at is null',
    [networkId]
  );
  return row.n;
}

/** Whose conversations a tablet pulls: its worker's, in its organisation. */
export interface WorkerPullScope {
  networkId: string;
  deviceId: string;
  organisationId: string;
  workerId: string;
}

/**
 * One page of the worker's conversations changed after `cursor`, in change order, deleted ones
 * as tombstones (SYNC-SPEC S4, S6), without contact details or equality answers (issue 10). A
 * device stores the page, then asks from the returned cursor. Conversations the asking device
 * created and nobody has changed since are left out (it holds them exactly so already), though
 * the cursor moves past them.
 */
export async function pullConversations(
  db: SqlClient,
  scope: WorkerPullScope,
  cursor: string,
  limit: number
): Promise<Omit<PullResult, 'protocol' | 'kind'>> {
  const viewer: Viewer = { role: 'worker', organisationId: scope.organisationId, workerId: scope.workerId };
  const rows = await db.query<Conversation & { seq: string; revision: number; deleted: boolean; own: boolean }>(
    `${CONVERSATION_SELECT.replace(
      'select ',
      'select c.seq::text as seq, c.revision, c.deleted_at is not null as deleted, (c.revision = 1 and c.device_id = $4::uuid) as own, '
    )}
      where c.worker_id = $5 and c.organisation_id = $6 and c.network_id = $1 and c.seq > $2::bigint
      order by c.seq limit $3`,
    [scope.networkId, cursor, limit + 1, scope.deviceId, scope.workerId, scope.organisationId]
  );
  const page = rows.slice(0, limit);
  const recording = { organisationId: scope.organisationId, workerId: scope.workerId };
  const conversations: PulledConversation[] = page.filter((row) => !row.own).map(({ seq: _, own: __, revision, deleted, ...conversation }) => ({
    id: conversation.id,
    revision,
    deleted,
    conversation: deleted ? null : redactConversation(conversation, recording, viewer)
  }));
  return { conversations, cursor: page.at(-1)?.seq ?? cursor, more: rows.length > limit };
}

/**
 * Values of a conversation that lost to a concurrent edit of the same field, oldest first, as
 * the worker may see them; none for a conversation the worker did not record.
 */
export async function conversationHistory(db: SqlClient, scope: Omit<WorkerPullScope, 'deviceId'>, conversationId: string): Promise<HistoryEntry[]> {
  const entries = await db.query<HistoryEntry>(
    `select h.field, h.lost_value as "lostValue", h.lost_change_id as "lostChangeId", h.won_change_id as "wonChangeId",
            to_char(h.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "recordedAt"
       from conversation_history h join conversations c on c.id = h.conversation_id
      where h.conversation_id = $1 and c.network_id = $2 and c.organisation_id = $3 and c.worker_id = $4
      order by h.id`,
    [conversationId, scope.networkId, scope.organisationId, scope.workerId]
  );
  const viewer: Viewer = { role: 'worker', organisationId: scope.organisationId, workerId: scope.workerId };
  return entries.map((entry) => redactHistoryEntry(entry, viewer));
}
