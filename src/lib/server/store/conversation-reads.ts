import type { Conversation } from '$lib/domain/conversation';
import type { SqlClient } from './sql-database';

/** A stored conversation as the domain names it, contact details joined back in. */
const CONVERSATION_SELECT = `
  select c.id::text as id, c.ward_code as "wardCode",
         to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt",
         c.event_id::text as "eventId", c.answers, c.quotes, c.theme_ids::text[] as "themeIds",
         c.people_count as "peopleCount", c.equality,
         case when c.follow_up_wanted then jsonb_build_object('wanted', true, 'contact', f.contact)
              else jsonb_build_object('wanted', false) end as "followUp",
         c.consent_to_record as "consentToRecord"
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
