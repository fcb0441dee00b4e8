import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import type { ReportFigures, ReportFilters } from '$lib/domain/ward-report';
import type { SqlClient } from './sql-database';
import { mostDeprivedWardsSql } from './ward-indicator-queries';
import { conversationFilterConditions } from './ward-map-query';

/**
 * One query for a printable report (issue 14): of one ward's conversations (`wardCode`), or of
 * every current ward's (null, the network report), matching the map's filters — how many, per
 * theme (every theme, zeros too), per UK month (every month from the first to the last), and the
 * consented quotes with their count: those a coordinator chose for reports first, then the newest. As the ward page's query: a quote without consent to
 * quote never leaves the database, and only its words, month and theme names do.
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
  const [row] = await db.query<ReportFigures>(
    `with chosen as (
       select id, recorded_at, theme_ids, quotes,
              date_trunc('month', recorded_at at time zone 'Europe/London') as month
         from conversations
        where ${conditions.join(' and ')}
     ), per_theme as (
       select theme_id, count(*)::int as n from chosen, unnest(theme_ids) as theme_id group by theme_id
     ), per_month as (
       select month, count(*)::int as n from chosen group by month
     ), consented as (
       select q.quote->>'text' as text, c.month, c.theme_ids, c.recorded_at, c.id, q.n,
              exists (select 1 from report_quotes r
                       where r.conversation_id = c.id and r.position = q.n and r.text_md5 = md5(q.quote->>'text')) as for_reports
         from chosen c, jsonb_array_elements(c.quotes) with ordinality as q (quote, n)
        where q.quote->'consentToQuote' = 'true'::jsonb
     ), newest_quotes as (
       select * from consented order by for_reports desc, recorded_at desc, id, n limit $2
     )
     select (select count(*)::int from chosen) as conversations,
            (select coalesce(jsonb_agg(jsonb_build_object('themeId', t.id::text, 'name', t.name,
                                                          'conversations', coalesce(p.n, 0)) order by t.position), '[]')
               from themes t left join per_theme p on p.theme_id = t.id
              where t.network_id = $1) as themes,
            (select coalesce(jsonb_agg(jsonb_build_object('month', to_char(m.month, 'YYYY-MM'),
                                                          'conversations', coalesce(pm.n, 0)) order by m.month), '[]')
               from generate_series((select min(month) from per_month), (select max(month) from per_month), interval '1 month')
                    as m (month)
               left join per_month pm on pm.month = m.month) as months,
            (select coalesce(jsonb_agg(jsonb_build_object(
                       'text', q.text, 'month', to_char(q.month, 'YYYY-MM'), 'chosen', q.for_reports,
                       'themes', (select coalesce(jsonb_agg(t.name order by t.position), '[]')
                                    from themes t where t.network_id = $1 and t.id = any (q.theme_ids)))
                     order by q.for_reports desc, q.recorded_at desc, q.id, q.n), '[]')
               from newest_quotes q) as quotes,
            (select count(*)::int from consented) as "quoteCount"`,
    params
  );
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
