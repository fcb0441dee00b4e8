/**
 * What the ward page and the printable reports both show of a set of conversations, as SQL: how
 * many, per theme (every theme of the network, zeros too), per UK month (every month from the
 * first to the last, since a conversation at 00:30 BST on 1 July belongs to July), and the
 * consented quotes with their count. A quote without consent to quote never leaves the database:
 * it is filtered here, and only its words, month and theme names go out (and, when asked for, which
 * quote it is).
 */
export interface ConversationFiguresSql {
  /** `where` conditions choosing the conversations (from `conversations`). */
  where: string;
  /** The network's id, as a bound parameter (`$1`). */
  network: string;
  /** How many quotes, as a bound parameter. */
  quoteLimit: string;
  /** Quotes a coordinator chose for reports first (the reports), or simply the newest (the ward page). */
  chosenQuotesFirst: boolean;
  /** Whether each quote carries its key (conversation and position), for choosing it for reports. */
  quoteKeys: boolean;
}

/** The `with` list (without `with`) and the select columns over it, for one query. */
export function conversationFiguresSql({ where, network, quoteLimit, chosenQuotesFirst, quoteKeys }: ConversationFiguresSql): { ctes: string; columns: string } {
  const order = (q: string) => `${chosenQuotesFirst ? `${q}for_reports desc, ` : ''}${q}recorded_at desc, ${q}id, ${q}n`;
  const ctes = `chosen as (
       select id, recorded_at, theme_ids, quotes,
              date_trunc('month', recorded_at at time zone 'Europe/London') as month
         from conversations
        where ${where}
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
       select * from consented order by ${order('')} limit ${quoteLimit}
     )`;
  const columns = `(select count(*)::int from chosen) as conversations,
            (select coalesce(jsonb_agg(jsonb_build_object('themeId', t.id::text, 'name', t.name,
                                                          'conversations', coalesce(p.n, 0)) order by t.position), '[]')
               from themes t left join per_theme p on p.theme_id = t.id
              where t.network_id = ${network}) as themes,
            (select coalesce(jsonb_agg(jsonb_build_object('month', to_char(m.month, 'YYYY-MM'),
                                                          'conversations', coalesce(pm.n, 0)) order by m.month), '[]')
               from generate_series((select min(month) from per_month), (select max(month) from per_month), interval '1 month')
                    as m (month)
               left join per_month pm on pm.month = m.month) as months,
            (select coalesce(jsonb_agg(jsonb_build_object(
                       'text', q.text, 'month', to_char(q.month, 'YYYY-MM'),
                       ${quoteKeys ? `'key', q.id::text || '.' || q.n::text, ` : ''}'chosen', q.for_reports,
                       'themes', (select coalesce(jsonb_agg(t.name order by t.position), '[]')
                                    from themes t where t.network_id = ${network} and t.id = any (q.theme_ids)))
                     order by ${order('q.')}), '[]')
               from newest_quotes q) as quotes,
            (select count(*)::int from consented) as "quoteCount"`;
  return { ctes, columns };
}
