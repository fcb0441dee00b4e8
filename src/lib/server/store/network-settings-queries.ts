import { uuidv7 } from 'uuidv7';
import type { ListeningEvent } from '$lib/domain/listening-event';
import type { Organisation } from '$lib/domain/organisation';
import { MINIMUM_CONVERSATIONS } from '$lib/domain/ward-map';
import { SUPPRESSION_THRESHOLD } from '$lib/domain/suppression';
import { OrganisationNameTakenError } from './errors';
import type { SqlClient, SqlDatabase } from './sql-database';

/** What a coordinator sets for the network; null privacy notice means the default wording. */
export async function setPrivacyNotice(db: SqlDatabase, networkId: string, text: string | null): Promise<void> {
  await db.query('update networks set privacy_notice = $2 where id = $1', [networkId, text]);
}

/** How soon tablets lock when left alone, and whether leads may read contact details. */
export async function setAccessSettings(
  db: SqlDatabase,
  networkId: string,
  settings: { idleLockMinutes: number; leadsSeeContacts: boolean }
): Promise<void> {
  await db.query('update networks set idle_lock_minutes = $2, leads_see_contacts = $3 where id = $1', [
    networkId,
    settings.idleLockMinutes,
    settings.leadsSeeContacts
  ]);
}

/** How many conversations a ward needs before the map shows its share (MINIMUM_CONVERSATIONS). */
export async function mapMinimumConversations(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ minimum: number }>('select map_minimum_conversations as minimum from networks where id = $1', [networkId]);
  return row?.minimum ?? MINIMUM_CONVERSATIONS.default;
}

export async function setMapMinimumConversations(db: SqlDatabase, networkId: string, minimum: number): Promise<void> {
  await db.query('update networks set map_minimum_conversations = $2 where id = $1', [networkId, minimum]);
}

/** Counts of equality-monitoring answers below this are hidden (SUPPRESSION_THRESHOLD). */
export async function suppressionThreshold(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ threshold: number }>('select suppression_threshold as threshold from networks where id = $1', [networkId]);
  return row?.threshold ?? SUPPRESSION_THRESHOLD.default;
}

export async function setSuppressionThreshold(db: SqlDatabase, networkId: string, threshold: number): Promise<void> {
  await db.query('update networks set suppression_threshold = $2 where id = $1', [networkId, threshold]);
}

/**
 * Makes `prompts` the network's prompts, in this order. A prompt left out is archived, not deleted:
 * conversations recorded offline with it still arrive and keep its wording.
 */
export async function replacePrompts(
  db: SqlDatabase,
  networkId: string,
  prompts: { id?: string; text: string }[]
): Promise<void> {
  const rows = prompts.map((prompt, position) => ({ id: prompt.id ?? uuidv7(), text: prompt.text, position }));
  await db.transaction(async (tx) => {
    await tx.query('update prompts set archived = true where network_id = $1', [networkId]);
    await tx.query(
      `insert into prompts (network_id, id, text, position, archived)
       select $1, p.id, p.text, p.position, false from jsonb_to_recordset($2::jsonb) as p(id uuid, text text, position int)
       on conflict (network_id, id) do update set text = excluded.text, position = excluded.position, archived = false`,
      [networkId, JSON.stringify(rows)]
    );
  });
}

export async function addEvent(db: SqlDatabase, networkId: string, event: Omit<ListeningEvent, 'id'>): Promise<ListeningEvent> {
  const created = { id: uuidv7(), ...event };
  await db.query('insert into listening_events (id, network_id, name, date, place) values ($1, $2, $3, $4, $5)', [
    created.id,
    networkId,
    created.name,
    created.date,
    created.place
  ]);
  return created;
}

/** Hides an event from devices; conversations already recorded at it keep it. */
export async function archiveEvent(db: SqlDatabase, networkId: string, eventId: string): Promise<void> {
  await db.query('update listening_events set archived = true where network_id = $1 and id = $2', [networkId, eventId]);
}

/** Adds an organisation; throws OrganisationNameTakenError when one not archived has that name. */
export async function addOrganisation(db: SqlDatabase, networkId: string, name: string): Promise<Organisation> {
  const created = { id: uuidv7(), name };
  const [inserted] = await db.query<{ id: string }>(
    `insert into organisations (id, network_id, name) values ($1, $2, $3)
     on conflict (network_id, lower(name)) where not archived do nothing returning id`,
    [created.id, networkId, name]
  );
  if (!inserted) throw new OrganisationNameTakenError(name);
  return created;
}

/** Hides an organisation from devices; conversations it already recorded keep it. */
export async function archiveOrganisation(db: SqlDatabase, networkId: string, organisationId: string): Promise<void> {
  await db.query('update organisations set archived = true where network_id = $1 and id = $2', [networkId, organisationId]);
}
