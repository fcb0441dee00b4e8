import type { WardThemeCounts } from '$lib/domain/ward-summary';
import type { ExportFilters } from '$lib/domain/ward-map';
import type { SqlClient } from './sql-database';
import { filterSql } from './export-filter-sql';

/** The spreadsheet's figures (issue 14): counts only, never a conversation; suppressed by whoever shows them. */
export interface ExportFigures {
  /**
   * Each ward's conversations and conversations per theme (theme id → count): every current ward
   * when no wards are chosen (by list or most deprived), and any other ward with conversations.
   */
  wards: WardThemeCounts[];
  /** Every UK month from the first conversation's to the last's ('2026-11'), with its conversations. */
  months: { month: string; conversations: number }[];
  /** Conversations per theme and month, where there are any. */
  themeMonths: { themeId: string; month: string; conversations: number }[];
}

/**
 * The ward × theme and theme × month counts of the conversations an export holds, in one query
 * over the same rows (`filterSql`) as the Conversations sheet.
 */
export async function exportFigures(db: SqlClient, networkId: string, filters: ExportFilters): Promise<ExportFigures> {
  const query = filterSql(networkId, filters);
  const everyWard = !filters.wardCodes && !filters.mostDeprivedBy;
  const [row] = await db.query<ExportFigures>(
    `with chosen as (
       select c.ward_code, c.theme_ids, date_trunc('month', c.recorded_at at time zone 'Europe/London') as month
         from conversations c where ${query.where}
     ), per_ward as (
       select ward_code, count(*)::int as n from chosen group by ward_code
     ), per_ward_theme as (
       select ward_code, jsonb_object_agg(theme_id, n) as counts
         from (select ward_code, theme_id::text, count(*)::int as n from chosen, unnest(theme_ids) as theme_id group by ward_code, theme_id) t
        group by ward_code
     ), per_month as (
       select month, count(*)::int as n from chosen group by month
     ), listed as (
       select code from wards where network_id = $1 and current and ${everyWard ? 'true' : 'false'}
       union select ward_code from per_ward
     )
     select (select coalesce(jsonb_agg(jsonb_build_object(
                      'code', l.code, 'name', coalesce(w.name, l.code),
                      'localAuthorityCode', coalesce(w.local_authority_code, ''), 'localAuthorityName', coalesce(w.local_authority_name, ''),
                      'conversations', coalesce(pw.n, 0), 'themeCounts', coalesce(pt.counts, '{}'::jsonb))
                    order by w.name, l.code), '[]')
               from listed l
               left join wards w on w.network_id = $1 and w.code = l.code
               left join per_ward pw on pw.ward_code = l.code
               left join per_ward_theme pt on pt.ward_code = l.code) as wards,
            (select coalesce(jsonb_agg(jsonb_build_object('month', to_char(m.month, 'YYYY-MM'), 'conversations', coalesce(pm.n, 0)) order by m.month), '[]')
               from generate_series((select min(month) from per_month), (select max(month) from per_month), interval '1 month') as m (month)
               left join per_month pm on pm.month = m.month) as months,
            (select coalesce(jsonb_agg(jsonb_build_object('themeId', t.theme_id, 'month', to_char(t.month, 'YYYY-MM'), 'conversations', t.n)), '[]')
               from (select theme_id::text, month, count(*)::int as n from chosen, unnest(theme_ids) as theme_id group by theme_id, month) t) as "themeMonths"`,
    query.params
  );
  return row;
}
