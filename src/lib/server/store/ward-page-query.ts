import type { Ward } from '$lib/domain/ward';
import type { WardPageData } from '$lib/domain/ward-page';
import type { SqlClient } from './sql-database';

/**
 * One query for the ward page: the ward, its conversations per theme and per month, and the
 * newest quotes whose residents agreed to be quoted. A quote without that consent never leaves
 * the database: it is filtered here, not in the page. Months are UK calendar months, since the
 * networks are in the UK and a conversation at 00:30 BST on 1 July belongs to July.
 */
export async function wardPage(db: SqlClient, networkId: string, code: string, quoteLimit: number): Promise<WardPageData | null> {
  const [row] = await db.query<Omit<WardPageData, 'ward'> & Ward>(
    `with ward_conversations as (
       select id, recorded_at, theme_ids, quotes,
              date_trunc('month', recorded_at at time zone 'Europe/London') as month
         from conversations
        where network_id = $1 and ward_code = $2 and deleted_at is null
     ), per_theme as (
       select theme_id, count(*)::int as n
         from ward_conversations, unnest(theme_ids) as theme_id group by theme_id
     ), per_month as (
       select month, count(*)::int as n from ward_conversations group by month
     ), consented as (
       select q.quote->>'text' as text, c.month, c.theme_ids, c.recorded_at, c.id, q.n,
              exists (select 1 from report_quotes r
                       where r.conversation_id = c.id and r.position = q.n and r.text_md5 = md5(q.quote->>'text')) as for_reports
         from ward_conversations c, jsonb_array_elements(c.quotes) with ordinality as q (quote, n)
        where q.quote->'consentToQuote' = 'true'::jsonb
     ), newest_quotes as (
       select * from consented order by recorded_at desc, id, n limit $3
     )
     select w.code, w.name, w.local_authority_code as "localAuthorityCode",
            w.local_authority_name as "localAuthorityName",
            (select count(*)::int from ward_conversations) as conversations,
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
                       'text', q.text, 'month', to_char(q.month, 'YYYY-MM'),
                       'key', q.id::text || '.' || q.n::text, 'chosen', q.for_reports,
                       'themes', (select coalesce(jsonb_agg(t.name order by t.position), '[]')
                                    from themes t where t.network_id = $1 and t.id = any (q.theme_ids)))
                     order by q.recorded_at desc, q.id, q.n), '[]')
               from newest_quotes q) as quotes,
            (select count(*)::int from consented) as "quoteCount"
       from wards w
      where w.network_id = $1 and w.code = $2`,
    [networkId, code, quoteLimit]
  );
  if (!row) return null;
  const { code: wardCode, name, localAuthorityCode, localAuthorityName, ...rest } = row;
  return { ward: { code: wardCode, name, localAuthorityCode, localAuthorityName }, ...rest };
}
