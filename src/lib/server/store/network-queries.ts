import { uuidv7 } from 'uuidv7';
import type { ListeningEvent } from '$lib/domain/listening-event';
import type { Organisation } from '$lib/domain/organisation';
import { DEFAULT_PRIVACY_NOTICE, type Network, type ReferenceData } from '$lib/domain/network';
import type { NetworkSetup } from '$lib/domain/network-setup';
import { DEFAULT_PROMPTS, type Prompt } from '$lib/domain/prompt';
import type { Theme } from '$lib/domain/theme';
import type { Ward } from '$lib/domain/ward';
import { createPerson, type NewPerson } from './person-queries';
import { NetworkAlreadySetUpError } from './errors';
import type { SqlClient, SqlDatabase } from './sql-database';

export async function getNetwork(db: SqlClient): Promise<Network | null> {
  const [row] = await db.query<Omit<Network, 'privacyNotice'> & { privacyNotice: string | null }>(
    `select id, name, privacy_notice as "privacyNotice", idle_lock_minutes as "idleLockMinutes", leads_see_contacts as "leadsSeeContacts"
       from networks order by created_at limit 1`
  );
  return row ? { ...row, privacyNotice: row.privacyNotice ?? DEFAULT_PRIVACY_NOTICE } : null;
}

export async function getReferenceData(db: SqlDatabase): Promise<ReferenceData | null> {
  const network = await getNetwork(db);
  if (!network) return null;
  const [themes, prompts, events, organisations, wards] = await Promise.all([
    db.query<Theme>('select id, name from themes where network_id = $1 order by position', [network.id]),
    db.query<Prompt>('select id, text from prompts where network_id = $1 and not archived order by position', [
      network.id
    ]),
    db.query<ListeningEvent>(
      `select id, name, to_char(date, 'YYYY-MM-DD') as date, place from listening_events
        where network_id = $1 and not archived order by date desc, name`,
      [network.id]
    ),
    db.query<Organisation>('select id, name from organisations where network_id = $1 and not archived order by lower(name)', [
      network.id
    ]),
    db.query<Ward>(
      `select code, name, local_authority_code as "localAuthorityCode",
              local_authority_name as "localAuthorityName"
         from wards where network_id = $1 and current order by name, code`,
      [network.id]
    )
  ]);
  return { network, themes, prompts, events, organisations, wards };
}

/** Each ward's GeoJSON geometry, for devices to find a ward from a position offline. */
export async function wardBoundaries(db: SqlClient, networkId: string) {
  return db.query<{ code: string; boundary: unknown }>(
    'select code, boundary from wards where network_id = $1 and current and boundary is not null order by code',
    [networkId]
  );
}

/**
 * The boundary set's version: the network and how many boundary imports it has made. An import
 * counts itself in the transaction that makes its wards current (boundary-import.ts), so the
 * version and the wards change together; nothing else changes a boundary.
 */
export async function wardBoundariesVersion(db: SqlClient, networkId: string): Promise<string> {
  const [row] = await db.query<{ imports: number }>('select boundary_imports as imports from networks where id = $1', [networkId]);
  return row ? `${networkId}.${row.imports}` : 'no-network';
}

/** Creates the network, and its first coordinator when given, all or nothing. */
export async function setUpNetwork(db: SqlDatabase, setup: NetworkSetup, coordinator?: Omit<NewPerson, 'role' | 'organisationId'>): Promise<Network> {
  return db.transaction(async (tx) => {
    // Serialise concurrent set-ups so only one network is ever created.
    await tx.query('lock table networks in exclusive mode');
    const existing = await getNetwork(tx);
    if (existing) throw new NetworkAlreadySetUpError(existing.name);
    await tx.query('insert into networks (id, name) values ($1, $2)', [uuidv7(), setup.name]);
    const network = (await getNetwork(tx))!;
    if (coordinator) await createPerson(tx, network.id, { ...coordinator, role: 'coordinator', organisationId: null });
    await tx.query(
      `insert into themes (id, network_id, name, position)
       select t.id, $1, t.name, t.position
         from jsonb_to_recordset($2::jsonb) as t(id uuid, name text, position int)`,
      [network.id, JSON.stringify(setup.themeNames.map((name, position) => ({ id: uuidv7(), name, position })))]
    );
    await tx.query(
      `insert into prompts (network_id, id, text, position)
       select $1, p.id, p.text, p.position from jsonb_to_recordset($2::jsonb) as p(id uuid, text text, position int)`,
      [network.id, JSON.stringify(DEFAULT_PROMPTS.map((prompt, position) => ({ ...prompt, position })))]
    );
    await tx.query(
      `insert into wards (network_id, code, name, local_authority_code, local_authority_name, boundary)
       select $1, w.code, w.name, w."localAuthorityCode", w."localAuthorityName", w.boundary
         from jsonb_to_recordset($2::jsonb)
           as w(code text, name text, "localAuthorityCode" text, "localAuthorityName" text, boundary jsonb)`,
      [network.id, JSON.stringify(setup.wards)]
    );
    return network;
  });
}
