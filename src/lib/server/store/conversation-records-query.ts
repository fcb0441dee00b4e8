import type { ContactDeletion } from '$lib/domain/contact-retention';
import type { SharedConversation } from '$lib/domain/conversation';
import type { ConversationRecord, ConversationRecordsPage, RecordsPosition } from '$lib/domain/conversation-record';
import { redactConversation, type Viewer } from '$lib/domain/redaction';
import { CONVERSATION_SELECT } from './conversation-reads';
import type { SqlClient } from './sql-database';

export type RecordRow = SharedConversation & {
  contactDeletion: ContactDeletion | null;
  workerId: string | null;
  position: string;
  wardName: string | null;
  organisationName: string | null;
  workerName: string | null;
  eventName: string | null;
  themeNames: string[];
};

/**
 * Which conversations a viewer may see, in SQL: the rule of `maySee` (domain/redaction.ts), so
 * what a viewer may not see never leaves the database. Parameters from `$first` on.
 */
function visibleTo(viewer: Viewer, first: number): { sql: string; params: string[] } {
  switch (viewer.role) {
    case 'coordinator':
      return { sql: 'true', params: [] };
    case 'lead':
      return { sql: `c.organisation_id = $${first}::uuid`, params: [viewer.organisationId] };
    case 'worker':
      return { sql: `c.organisation_id = $${first}::uuid and c.worker_id = $${first + 1}::uuid`, params: [viewer.organisationId, viewer.workerId] };
    case 'staff':
      return { sql: 'false', params: [] };
  }
}

/** A conversation with the names of its ward, organisation, worker, event and themes, and its place in the list. */
export const RECORD_SELECT = `${CONVERSATION_SELECT.replace(
  'select ',
  `select c.worker_id::text as "workerId",
          to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || c.id::text as "position",
          case when c.contact_deleted_at is null then null else jsonb_build_object(
            'at', to_char(c.contact_deleted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'reason', c.contact_deleted_reason, 'byName', dp.name) end as "contactDeletion",
          w.name as "wardName", o.name as "organisationName", wk.name as "workerName", e.name as "eventName",
          array(select t.name from themes t where t.network_id = c.network_id and t.id = any(c.theme_ids) order by t.position) as "themeNames", `
)}
  left join wards w on w.network_id = c.network_id and w.code = c.ward_code
  left join organisations o on o.id = c.organisation_id
  left join workers wk on wk.id = c.worker_id
  left join listening_events e on e.id = c.event_id
  left join people dp on dp.id = c.follow_up_done_by`;

/** A row of RECORD_SELECT as `viewer` may read it; null when they may not. */
export function recordFor(row: RecordRow, viewer: Viewer): ConversationRecord | null {
  const { workerId, position: _, contactDeletion, wardName, organisationName, workerName, eventName, themeNames, ...conversation } = row;
  const shared = redactConversation(conversation, { organisationId: conversation.organisationId ?? null, workerId }, viewer);
  return shared && { conversation: shared, contactDeletion, wardName: wardName ?? conversation.wardCode, organisationName, workerName, eventName, themeNames };
}

/**
 * One page of the network's conversations that `viewer` may see, newest first (by recorded time,
 * then id), starting just older than `before`; erased ones never. Each is redacted for the viewer
 * (contact details and equality answers withheld as `redactConversation` says) and carries the
 * names of its ward, organisation, worker, event and themes.
 */
export async function conversationRecords(
  db: SqlClient,
  networkId: string,
  viewer: Viewer,
  page: { before: RecordsPosition | null; limit: number; referenceCode?: string | null }
): Promise<ConversationRecordsPage> {
  const scope = visibleTo(viewer, 6);
  // The position's time goes in as text: postgres.js would bind a timestamptz parameter through
  // a JavaScript Date, which keeps milliseconds only, and the page would skip conversations.
  const rows = await db.query<RecordRow>(
    `${RECORD_SELECT}
      where c.network_id = $1 and c.deleted_at is null and (${scope.sql})
        and ($2::text is null or (c.recorded_at, c.id) < ($2::text::timestamptz, $3::uuid))
        and ($5::text is null or c.reference_code = $5::text)
      order by c.recorded_at desc, c.id desc
      limit $4`,
    [networkId, page.before?.recordedAt ?? null, page.before?.id ?? null, page.limit + 1, page.referenceCode ?? null, ...scope.params]
  );
  const records: ConversationRecord[] = [];
  for (const row of rows.slice(0, page.limit)) {
    const record = recordFor(row, viewer);
    if (record) records.push(record); // the SQL above already left out the rest; the domain rule has the last word
  }
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  const [recordedAt, id] = last ? last.position.split('_') : [];
  return { records, older: last ? { recordedAt, id } : null };
}
