import { uuidv7 } from 'uuidv7';
import type { NewWardIndicator, WardIndicator, WardIndicatorStanding } from '$lib/domain/ward-indicator';
import type { MapIndicator } from '$lib/domain/ward-map';
import { UnknownWardsError } from './errors';
import type { SqlClient, SqlDatabase } from './sql-database';

// Values are read only for the network's current wards (joined to `wards`), so a ward a boundary
// import retires drops out of indicators without touching them.

/** Orders an indicator's values most deprived first, whichever way the indicator runs. */
const MOST_DEPRIVED_FIRST = 'case when i.lower_is_more_deprived then v.value else -v.value end';

const RANKED_VALUES = `
  select i.id, v.ward_code, v.value,
         rank() over (partition by i.id order by ${MOST_DEPRIVED_FIRST})::int as rank,
         count(*) over (partition by i.id)::int as ranked_wards
    from ward_indicators i
    join ward_indicator_values v on v.indicator_id = i.id
    join wards w on w.network_id = i.network_id and w.code = v.ward_code and w.current
   where i.network_id = $1`;

/**
 * Stores an indicator and its values in one transaction, replacing the values of an indicator of
 * the same name (in any case). Throws UnknownWardsError, changing nothing, if a value names a
 * ward that is not the network's.
 */
export async function saveWardIndicator(
  db: SqlDatabase,
  networkId: string,
  indicator: NewWardIndicator
): Promise<{ id: string; replaced: boolean }> {
  return db.transaction(async (tx) => {
    const values = JSON.stringify(indicator.values);
    const unknown = await tx.query<{ code: string }>(
      `select distinct v.code from jsonb_to_recordset($2::jsonb) as v (code text, value double precision)
        where not exists (select 1 from wards w where w.network_id = $1 and w.code = v.code)
        order by v.code`,
      [networkId, values]
    );
    if (unknown.length > 0) throw new UnknownWardsError(unknown.map((row) => row.code));

    const [existing] = await tx.query<{ id: string }>(
      'select id::text as id from ward_indicators where network_id = $1 and lower(name) = lower($2) for update',
      [networkId, indicator.name]
    );
    const id = existing?.id ?? uuidv7();
    if (existing) {
      await tx.query(
        `update ward_indicators set name = $2, source = $3, lower_is_more_deprived = $4, uploaded_at = now()
          where id = $1`,
        [id, indicator.name, indicator.source, indicator.lowerIsMoreDeprived]
      );
      await tx.query('delete from ward_indicator_values where indicator_id = $1', [id]);
    } else {
      await tx.query(
        `insert into ward_indicators (id, network_id, name, source, lower_is_more_deprived) values ($1, $2, $3, $4, $5)`,
        [id, networkId, indicator.name, indicator.source, indicator.lowerIsMoreDeprived]
      );
    }
    await tx.query(
      `insert into ward_indicator_values (indicator_id, ward_code, value)
       select $1, v.code, v.value from jsonb_to_recordset($2::jsonb) as v (code text, value double precision)`,
      [id, values]
    );
    return { id, replaced: Boolean(existing) };
  });
}

/** Removes an indicator and its values; returns its name, or null if the network has none by that id. */
export async function deleteWardIndicator(db: SqlClient, networkId: string, id: string): Promise<string | null> {
  const [row] = await db.query<{ name: string }>(
    'delete from ward_indicators where network_id = $1 and id::text = $2 returning name',
    [networkId, id]
  );
  return row?.name ?? null;
}

/** The network's indicators' ids and names, by name: what the ward map offers to filter by. */
export async function wardIndicatorNames(db: SqlClient, networkId: string): Promise<MapIndicator[]> {
  return db.query<MapIndicator>(
    'select id::text as id, name from ward_indicators where network_id = $1 order by lower(name)',
    [networkId]
  );
}

/** Every indicator of the network, by name, with its values for the network's wards. */
export async function wardIndicators(db: SqlClient, networkId: string): Promise<WardIndicator[]> {
  return db.query<WardIndicator>(
    `select i.id::text as id, i.name, i.source, i.lower_is_more_deprived as "lowerIsMoreDeprived",
            coalesce((select jsonb_object_agg(v.ward_code, v.value)
                        from ward_indicator_values v
                        join wards w on w.network_id = i.network_id and w.code = v.ward_code and w.current
                       where v.indicator_id = i.id), '{}'::jsonb) as values
       from ward_indicators i
      where i.network_id = $1
      order by lower(i.name)`,
    [networkId]
  );
}

/** Where one ward stands on each of the network's indicators (null figures where it has no value). */
export async function wardIndicatorStandings(db: SqlClient, networkId: string, code: string): Promise<WardIndicatorStanding[]> {
  return db.query<WardIndicatorStanding>(
    `with ranked as (${RANKED_VALUES})
     select i.id::text as id, i.name, i.source, i.lower_is_more_deprived as "lowerIsMoreDeprived",
            r.value, r.rank, r.ranked_wards as "rankedWards"
       from ward_indicators i
       left join ranked r on r.id = i.id and r.ward_code = $2
      where i.network_id = $1
      order by lower(i.name)`,
    [networkId, code]
  );
}

/**
 * SQL for the most deprived `percent` % of the network's wards (network id in $1) that have a
 * value for the indicator: those ranked within ceil(wards × percent / 100), ties at the cut-off
 * included (the rule of `mostDeprivedCutoff` in domain/ward-indicator.ts). Gives ward_code and
 * rank; the ward map uses it as a condition inside its one query.
 */
export const mostDeprivedWardsSql = (indicatorParam: string, percentParam: string) => `
  select ward_code, rank from (${RANKED_VALUES}) ranked
   where id::text = ${indicatorParam} and rank <= ceil(ranked_wards * ${percentParam}::numeric / 100)`;

/** The codes of the most deprived `percent` % of wards, most deprived first; empty for no such indicator. */
export async function mostDeprivedWardCodes(db: SqlClient, networkId: string, indicatorId: string, percent: number): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `select ward_code as code from (${mostDeprivedWardsSql('$2', '$3')}) most order by rank, ward_code`,
    [networkId, indicatorId, percent]
  );
  return rows.map((row) => row.code);
}
