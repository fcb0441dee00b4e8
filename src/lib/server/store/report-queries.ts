import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import type { ReportFigures, ReportFilters } from '$lib/domain/ward-report';
import { conversationFiguresSql } from './conversation-figures-sql';
import type { SqlClient } from './sql-database';
import { mostDeprivedWardsSql } from './ward-indicator-queries';
import { conversationFilterConditions } from './ward-map-query';

/**
 * One query for a printable report (issue 14): of one ward's conversations (`wardCode`), or of
 * every current ward's (null, the network report), matching the map's filters — the ward page's
 * figures (`conversationFiguresSql`), with the quotes a coordinator chose for reports first.
 */
export async function reportFigures(db: SqlClient, networkId: string, wardCode: string | null, filters: ReportFilters, quoteLimit: number): Promise<ReportFigures> {
  const params: unknown[] = [networkId, quoteLimit];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const conditions = ['network_id = $1', 'deleted_at is null', ...conversationFilterConditions(filters, bind)];
  if (wardCode !== null) conditions.push(`ward_code = ${bind(wardCode)}`);
  else {
    // The network report counts what the map counts: conversations in the current wards (of the most deprived, if asked).
    conditions.push(`ward_code in (select code from wards where network_id = $1 and current)`);
    if (filters.mostDeprivedBy) {
      conditions.push(`ward_code in (select ward_code from (${mostDeprivedWardsSql(bind(filters.mostDeprivedBy), bind(MOST_DEPRIVED_PERCENT))}) most)`);
    }
  }
  const { ctes, columns } = conversationFiguresSql({ where: conditions.join(' and '), network: '$1', quoteLimit: '$2', chosenQuotesFirst: true, quoteKeys: false });
  const [row] = await db.query<ReportFigures>(`with ${ctes} select ${columns}`, params);
  return row;
}

/**
 * Marks a quote as chosen for reports (or no longer), by a coordinator on the ward page. Only a
 * quote that is there to be chosen: consented, of a conversation of this network not erased.
 * False when there is no such quote (nothing changed).
 */
export async function chooseQuote(
  db: SqlClient,
  networkId: string,
  quote: { conversationId: string; position: number },
  chosen: boolean,
  personId: string
): Promise<boolean> {
  if (!chosen) {
    await db.query('delete from report_quotes where network_id = $1 and conversation_id = $2 and position = $3', [networkId, quote.conversationId, quote.position]);
    return true;
  }
  const rows = await db.query<{ position: number }>(
    `insert into report_quotes (network_id, conversation_id, position, text_md5, chosen_by)
     select c.network_id, c.id, $3, md5(c.quotes -> ($3::int - 1) ->> 'text'), $4
       from conversations c
      where c.network_id = $1 and c.id = $2 and c.deleted_at is null
        and c.quotes -> ($3::int - 1) -> 'consentToQuote' = 'true'::jsonb
     on conflict (conversation_id, position) do update set text_md5 = excluded.text_md5, chosen_by = excluded.chosen_by, chosen_at = now()
     returning position`,
    [networkId, quote.conversationId, quote.position, personId]
  );
  return rows.length === 1;
}
