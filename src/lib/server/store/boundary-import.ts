import type { WardWithBoundary } from '$lib/domain/network-setup';
import type { SqlDatabase } from './sql-database';

export interface BoundaryImportCounts {
  added: number;
  changed: number;
  /** Current wards the new set leaves out: kept for their conversations, no longer current. */
  left: number;
  unchanged: number;
}

/**
 * Makes `wards` the network's current boundary set, all or nothing: new codes are added, wards
 * whose name, local authority or boundary differ are changed, and wards the set leaves out stop
 * being current but stay, with the conversations recorded in them.
 */
export async function importBoundaries(
  db: SqlDatabase,
  networkId: string,
  wards: WardWithBoundary[],
  year: string | null
): Promise<BoundaryImportCounts> {
  return db.transaction(async (tx) => {
    const [counts] = await tx.query<BoundaryImportCounts>(
      `with incoming as (
         select * from jsonb_to_recordset($2::jsonb)
           as w(code text, name text, "localAuthorityCode" text, "localAuthorityName" text, boundary jsonb)
       ), compared as (
         select case
                  when old.code is null then 'added'
                  when row(old.name, old.local_authority_code, old.local_authority_name, old.boundary, old.current)
                       is distinct from row(i.name, i."localAuthorityCode", i."localAuthorityName", i.boundary, true) then 'changed'
                  else 'unchanged'
                end as status
           from incoming i left join wards old on old.network_id = $1 and old.code = i.code
       )
       select (select count(*) from compared where status = 'added')::int as added,
              (select count(*) from compared where status = 'changed')::int as changed,
              (select count(*) from wards w where w.network_id = $1 and w.current
                 and not exists (select 1 from incoming i where i.code = w.code))::int as left,
              (select count(*) from compared where status = 'unchanged')::int as unchanged`,
      [networkId, JSON.stringify(wards)]
    );
    await tx.query('update wards set current = false where network_id = $1', [networkId]);
    await tx.query(
      `insert into wards (network_id, code, name, local_authority_code, local_authority_name, boundary, current, boundary_year)
       select $1, w.code, w.name, w."localAuthorityCode", w."localAuthorityName", w.boundary, true, $3
         from jsonb_to_recordset($2::jsonb)
           as w(code text, name text, "localAuthorityCode" text, "localAuthorityName" text, boundary jsonb)
       on conflict (network_id, code) do update
         set name = excluded.name, local_authority_code = excluded.local_authority_code,
             local_authority_name = excluded.local_authority_name, boundary = excluded.boundary,
             current = true, boundary_year = excluded.boundary_year`,
      [networkId, JSON.stringify(wards), year]
    );
    return counts;
  });
}
