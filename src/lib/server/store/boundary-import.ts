import type { WardWithBoundary } from '$lib/domain/network-setup';
import type { SqlDatabase } from './sql-database';

export interface BoundaryImportCounts {
  added: number;
  changed: number;
  /** Current wards the new set leaves out: kept for their conversations, no longer current. */
  left: number;
  unchanged: number;
}

/** Wards as JSON text, a batch (a JSON array of `WardWithBoundary`) per statement: as the parse worker sends them. */
export interface WardJsonBatches {
  batches: readonly string[];
}

/** Wards written per statement when the caller gives them as objects. */
const BATCH_SIZE = 250;

const INCOMING = `jsonb_to_recordset($2::jsonb)
  as w(code text, name text, "localAuthorityCode" text, "localAuthorityName" text, boundary jsonb)`;

/**
 * How a staged ward compares with the network's ward of that code: its status for the counts
 * (added, changed or unchanged), and whether its row must be written (also when only the year
 * differs, or it is not current).
 */
const COMPARE = (incoming: { name: string; laCode: string; laName: string; boundary: string }, year: string) => `
  case when old.code is null then 'added'
       when row(old.name, old.local_authority_code, old.local_authority_name, old.boundary, old.current)
            is distinct from row(${incoming.name}, ${incoming.laCode}, ${incoming.laName}, ${incoming.boundary}, true) then 'changed'
       else 'unchanged' end,
  old.code is null
    or row(old.name, old.local_authority_code, old.local_authority_name, old.boundary, old.current, old.boundary_year)
       is distinct from row(${incoming.name}, ${incoming.laCode}, ${incoming.laName}, ${incoming.boundary}, true, ${year})`;

const FROM_FILE = { name: 'w.name', laCode: 'w."localAuthorityCode"', laName: 'w."localAuthorityName"', boundary: 'w.boundary' };
const STAGED = { name: 's.name', laCode: 's.local_authority_code', laName: 's.local_authority_name', boundary: 's.boundary' };

/**
 * Makes `wards` the network's current boundary set, all or nothing: new codes are added, wards
 * whose name, local authority or boundary differ are changed, and wards the set leaves out stop
 * being current but stay, with the conversations recorded in them.
 *
 * The wards are first staged (`ward_import_rows`) a batch per statement, each compared with the
 * network's wards as it lands, letting other requests' queries in between: PGlite runs in this
 * process and one statement over all England's wards held it for seconds. Then one short
 * transaction counts, retires the wards left out and writes only the rows that differ. Should
 * another import have committed meanwhile, the transaction compares every staged ward again.
 */
export async function importBoundaries(
  db: SqlDatabase,
  networkId: string,
  wards: readonly WardWithBoundary[] | WardJsonBatches,
  year: string | null
): Promise<BoundaryImportCounts> {
  const batches = 'batches' in wards ? wards.batches : inBatches(wards);
  const importId = crypto.randomUUID();
  // Rows an import left when its process died part-way.
  await db.query(`delete from ward_import_rows where staged_at < now() - interval '1 day'`);
  const [network] = await db.query<{ imports: number }>('select boundary_imports as imports from networks where id = $1', [networkId]);
  try {
    for (const batch of batches) {
      await db.query(
        `insert into ward_import_rows (import_id, code, name, local_authority_code, local_authority_name, boundary, status, rewrite)
         select $3, w.code, w.name, w."localAuthorityCode", w."localAuthorityName", w.boundary,
                ${COMPARE(FROM_FILE, '$4::text')}
           from ${INCOMING}
           left join wards old on old.network_id = $1 and old.code = w.code`,
        [networkId, batch, importId, year]
      );
      await otherRequestsTurn();
    }
    return await db.transaction(async (tx) => {
      const counted = await tx.query(
        'update networks set boundary_imports = boundary_imports + 1 where id = $1 and boundary_imports = $2 returning id',
        [networkId, network?.imports ?? 0]
      );
      if (counted.length === 0) {
        // Another import committed since these wards were compared: compare them again.
        await tx.query('update networks set boundary_imports = boundary_imports + 1 where id = $1', [networkId]);
        await tx.query(
          `update ward_import_rows s set (status, rewrite) = (select ${COMPARE(STAGED, '$3::text')}
              from (select 1) one left join wards old on old.network_id = $1 and old.code = s.code)
            where s.import_id = $2`,
          [networkId, importId, year]
        );
      }
      const [counts] = await tx.query<BoundaryImportCounts>(
        `select count(*) filter (where status = 'added')::int as added,
                count(*) filter (where status = 'changed')::int as changed,
                (select count(*) from wards w where w.network_id = $1 and w.current
                   and not exists (select 1 from ward_import_rows s where s.import_id = $2 and s.code = w.code))::int as left,
                count(*) filter (where status = 'unchanged')::int as unchanged
           from ward_import_rows where import_id = $2`,
        [networkId, importId]
      );
      await tx.query(
        `update wards w set current = false where w.network_id = $1 and w.current
           and not exists (select 1 from ward_import_rows s where s.import_id = $2 and s.code = w.code)`,
        [networkId, importId]
      );
      await tx.query(
        `insert into wards (network_id, code, name, local_authority_code, local_authority_name, boundary, current, boundary_year)
         select $1, s.code, s.name, s.local_authority_code, s.local_authority_name, s.boundary, true, $3
           from ward_import_rows s where s.import_id = $2 and s.rewrite
         on conflict (network_id, code) do update
           set name = excluded.name, local_authority_code = excluded.local_authority_code,
               local_authority_name = excluded.local_authority_name, boundary = excluded.boundary,
               current = true, boundary_year = excluded.boundary_year`,
        [networkId, importId, year]
      );
      await tx.query('delete from ward_import_rows where import_id = $1', [importId]);
      return counts;
    });
  } catch (error) {
    await db.query('delete from ward_import_rows where import_id = $1', [importId]).catch(() => undefined);
    throw error;
  }
}

function inBatches(wards: readonly WardWithBoundary[]): string[] {
  const batches: string[] = [];
  for (let i = 0; i < wards.length; i += BATCH_SIZE) batches.push(JSON.stringify(wards.slice(i, i + BATCH_SIZE)));
  return batches;
}

/** Lets the requests that arrived during a statement run theirs before the next batch. */
const otherRequestsTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
