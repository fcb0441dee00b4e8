import { shareOf, type MapFilters, type WardFigures } from '$lib/domain/ward-map';
import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import type { SqlClient, SqlDatabase } from './sql-database';
import { mostDeprivedWardsSql } from './ward-indicator-queries';

/** Date filters are calendar days in the UK, whatever the server's time zone. */
const UK = `'Europe/London'`;

/**
 * SQL conditions on `conversations` (its columns prefixed by `prefix`, e.g. `c.`) for the dates
 * (UK days), event and organisation filters shared by the map, the reports and the exports; values bound
 * through `bind`. Only the filters given become conditions.
 */
export function conversationFilterConditions(
  filters: Pick<MapFilters, 'from' | 'to' | 'eventId' | 'organisationId'>,
  bind: (value: unknown) => string,
  prefix = ''
): string[] {
  const conditions: string[] = [];
  if (filters.from) conditions.push(`${prefix}recorded_at >= (${bind(filters.from)}::date)::timestamp at time zone ${UK}`);
  if (filters.to) conditions.push(`${prefix}recorded_at < (${bind(filters.to)}::date + 1)::timestamp at time zone ${UK}`);
  if (filters.eventId === 'none') conditions.push(`${prefix}event_id is null`);
  else if (filters.eventId) conditions.push(`${prefix}event_id = ${bind(filters.eventId)}::uuid`);
  if (filters.organisationId === 'none') conditions.push(`${prefix}organisation_id is null`);
  else if (filters.organisationId) conditions.push(`${prefix}organisation_id = ${bind(filters.organisationId)}::uuid`);
  return conditions;
}

/**
 * The ward map's one query: for every current ward of the network (wards with none included),
 * how many of its conversations match the date and event filters, and how many of those carry
 * the theme. Only the filters given become conditions, so each shape of filter gets a plan that
 * can use the ward-map indexes (migration 006); values are always bound parameters.
 */
export async function wardMapFigures(db: SqlDatabase, networkId: string, filters: MapFilters): Promise<WardFigures[]> {
  const params: unknown[] = [networkId, filters.themeId];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const conditions = ['network_id = $1', 'deleted_at is null', ...conversationFilterConditions(filters, bind)];
  const wardConditions = ['w.network_id = $1', 'w.current'];
  if (filters.mostDeprivedBy) {
    wardConditions.push(`w.code in (select ward_code from (${mostDeprivedWardsSql(bind(filters.mostDeprivedBy), bind(MOST_DEPRIVED_PERCENT))}) most)`);
  }

  const sql = `
    select w.code, w.name, w.local_authority_name as "localAuthorityName",
           coalesce(c.conversations, 0) as conversations,
           coalesce(c.with_theme, 0) as "withTheme"
      from wards w
      left join (
        select ward_code, count(*)::int as conversations,
               (count(*) filter (where $2::uuid = any (theme_ids)))::int as with_theme
          from conversations
         where ${conditions.join(' and ')}
         group by ward_code
      ) c on c.ward_code = w.code
     where ${wardConditions.join(' and ')}
     order by w.name, w.code`;
  const rows = await db.transaction(async (tx) => {
    // PostgreSQL's JIT compiles this plan once its cost passes jit_above_cost (at about a million
    // conversations), which takes longer (50 to 200 ms) than it saves on a sub-second aggregation.
    await tx.query('set local jit = off');
    return tx.query<Omit<WardFigures, 'share'>>(sql, params);
  });
  return rows.map((row) => ({ ...row, share: shareOf(row.withTheme, row.conversations) }));
}

/**
 * A short text that changes whenever the ward map's figures may have: the network's change
 * sequence (every create, edit and delete of a conversation takes the next number, SYNC-SPEC S4),
 * a digest of its current wards (a boundary import adds, renames or retires them) and of its
 * ward indicators (an upload changes which wards are most deprived), and the minimum of
 * conversations for a share (a coordinator's setting). Cheap enough to
 * ask before every answer, so a cached answer is never served stale.
 */
export async function wardMapVersion(db: SqlClient, networkId: string): Promise<string> {
  const [row] = await db.query<{ version: string }>(
    `select n.last_seq::text || ':' || (
              select md5(coalesce(string_agg(w.code || '|' || w.name || '|' || w.local_authority_name, ';' order by w.code), ''))
                from wards w where w.network_id = n.id and w.current
            ) || ':' || (
              select coalesce(string_agg(i.id::text || '@' || i.uploaded_at::text, ';' order by i.id), '')
                from ward_indicators i where i.network_id = n.id
            ) || ':' || n.map_minimum_conversations::text as version
       from networks n where n.id = $1`,
    [networkId]
  );
  return row?.version ?? 'no-network';
}
