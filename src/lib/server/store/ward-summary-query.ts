import type { MapFilters } from '$lib/domain/ward-map';
import type { WardThemeCounts } from '$lib/domain/ward-summary';
import type { SqlClient } from './sql-database';
import { conversationFilterConditions } from './ward-map-query';

/** Which conversations are counted: the map's dates (UK days), event and organisation; all when none given. */
export type WardThemeFilters = Pick<MapFilters, 'from' | 'to' | 'eventId' | 'organisationId'>;

/** One query: every ward of the network, its conversation count and its count per theme. */
export async function wardThemeCounts(db: SqlClient, networkId: string, filters: WardThemeFilters = {}): Promise<WardThemeCounts[]> {
  const params: unknown[] = [networkId];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const counted = ['network_id = $1', 'deleted_at is null', ...conversationFilterConditions(filters, bind)].join(' and ');
  return db.query<WardThemeCounts>(
    `with per_ward as (
       select ward_code, count(*)::int as conversations
         from conversations where ${counted} group by ward_code
     ), per_theme as (
       select ward_code, jsonb_object_agg(theme_id, n) as theme_counts
         from (select ward_code, theme_id::text, count(*)::int as n
                 from conversations, unnest(theme_ids) as theme_id
                where ${counted} group by ward_code, theme_id) as t
        group by ward_code
     )
     select w.code, w.name, w.local_authority_code as "localAuthorityCode",
            w.local_authority_name as "localAuthorityName",
            coalesce(pw.conversations, 0) as conversations,
            coalesce(pt.theme_counts, '{}'::jsonb) as "themeCounts"
       from wards w
       left join per_ward pw on pw.ward_code = w.code
       left join per_theme pt on pt.ward_code = w.code
      where w.network_id = $1 and w.current
      order by w.name, w.code`,
    params
  );
}
