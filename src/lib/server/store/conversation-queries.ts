import type { Conversation } from '$lib/domain/conversation';
import { UnknownReferenceError } from './errors';
import type { SqlClient, SqlDatabase } from './sql-database';
import type { ConversationBatch } from './store';

/** Columns of a stored conversation as the domain names them. */
const CONVERSATION_COLUMNS = `
  id::text as id, ward_code as "wardCode",
  to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt",
  loves, would_change as "wouldChange", quotes, theme_ids::text[] as "themeIds",
  consent_to_record as "consentToRecord"`;

export async function storeConversations(db: SqlDatabase, batch: ConversationBatch): Promise<void> {
  if (batch.conversations.length === 0) return;
  const rows = JSON.stringify(batch.conversations);
  await db.transaction(async (tx) => {
    await refuseUnknownReferences(tx, batch.networkId, rows);
    // One statement for the whole batch; ids already stored are left untouched (idempotent push).
    await tx.query(
      `insert into conversations (id, network_id, ward_code, recorded_at, loves, would_change,
                                  quotes, theme_ids, consent_to_record, device_id, user_id)
       select c.id, $2, c."wardCode", c."recordedAt", c.loves, c."wouldChange",
              c.quotes, c."themeIds", c."consentToRecord", $3, $4
         from jsonb_to_recordset($1::jsonb) as c(id uuid, "wardCode" text, "recordedAt" timestamptz,
              loves text, "wouldChange" text, quotes jsonb, "themeIds" uuid[], "consentToRecord" boolean)
       on conflict (id) do nothing`,
      [rows, batch.networkId, batch.deviceId, batch.userId]
    );
  });
}

/** Names every ward and theme in the batch that is not the network's. */
async function refuseUnknownReferences(tx: SqlClient, networkId: string, rows: string) {
  const unknown = await tx.query<{ kind: 'ward' | 'theme'; value: string; id: string }>(
    `with batch as (select * from jsonb_to_recordset($1::jsonb) as c(id text, "wardCode" text, "themeIds" text[]))
     select 'ward' as kind, b."wardCode" as value, b.id from batch b
      where not exists (select 1 from wards w where w.network_id = $2 and w.code = b."wardCode")
     union all
     select 'theme', t.theme_id, b.id from batch b, unnest(b."themeIds") as t(theme_id)
      where not exists (select 1 from themes th where th.network_id = $2 and th.id::text = t.theme_id)`,
    [rows, networkId]
  );
  if (unknown.length === 0) return;
  throw new UnknownReferenceError(
    unknown.map((u) =>
      u.kind === 'ward'
        ? `Conversation ${u.id}: ward ${u.value} is not one of this network's wards.`
        : `Conversation ${u.id}: theme ${u.value} is not one of this network's themes.`
    )
  );
}

export async function conversationsByIds(db: SqlClient, ids: string[]): Promise<Conversation[]> {
  return db.query<Conversation>(
    `select ${CONVERSATION_COLUMNS} from conversations
      where id::text in (select jsonb_array_elements_text($1::jsonb)) order by id`,
    [JSON.stringify(ids)]
  );
}

export async function countConversations(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from conversations where network_id = $1',
    [networkId]
  );
  return row.n;
}
