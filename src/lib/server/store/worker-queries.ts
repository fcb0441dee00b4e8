import { uuidv7 } from 'uuidv7';
import type { RosterWorker, Worker } from '$lib/domain/device';
import type { PinHash } from '$lib/domain/worker-pin';
import { WorkerNameTakenError } from './errors';
import type { SqlClient } from './sql-database';

/** Workers: the people of an organisation who record on its tablets, unlocking them with a PIN. */

const WORKER_COLUMNS = `w.id::text as id, w.organisation_id::text as "organisationId", w.name, w.pin is not null as "hasPin"`;

/** Adds a worker; throws WorkerNameTakenError when the organisation has a current worker of that name. */
export async function addWorker(
  db: SqlClient,
  networkId: string,
  worker: { organisationId: string; name: string; pin: PinHash | null }
): Promise<Worker> {
  const [row] = await db.query<Worker>(
    `insert into workers as w (id, network_id, organisation_id, name, pin)
     select $1, $2, o.id, $4, $5::jsonb from organisations o where o.id = $3 and o.network_id = $2
     on conflict (organisation_id, lower(name)) where active do nothing
     returning ${WORKER_COLUMNS}`,
    [uuidv7(), networkId, worker.organisationId, worker.name, worker.pin ? JSON.stringify(worker.pin) : null]
  );
  if (!row) throw new WorkerNameTakenError(worker.name);
  return row;
}

/** Current workers of the network (or one organisation's), by name. */
export async function listWorkers(db: SqlClient, networkId: string, organisationId: string | null): Promise<Worker[]> {
  return db.query<Worker>(
    `select ${WORKER_COLUMNS} from workers w
      where w.network_id = $1 and w.active and ($2::uuid is null or w.organisation_id = $2)
      order by lower(w.name), w.id`,
    [networkId, organisationId]
  );
}

/** What a tablet of this organisation keeps: its current workers and their PIN hashes. */
export async function roster(db: SqlClient, organisationId: string): Promise<RosterWorker[]> {
  return db.query<RosterWorker>(
    `select id::text as id, name, pin from workers where organisation_id = $1 and active order by lower(name), id`,
    [organisationId]
  );
}

/**
 * Sets a current worker's PIN. With `onlyIfUnset` (a worker choosing theirs on a tablet) it is set
 * only if they have none yet. Scoped to an organisation when given. Whether it was set.
 */
export async function setWorkerPin(
  db: SqlClient,
  networkId: string,
  workerId: string,
  pin: PinHash,
  options: { organisationId: string | null; onlyIfUnset: boolean }
): Promise<Worker | null> {
  const [row] = await db.query<Worker>(
    `update workers w set pin = $3::jsonb
      where w.network_id = $1 and w.id = $2 and w.active and ($4::uuid is null or w.organisation_id = $4) and (not $5 or w.pin is null)
      returning ${WORKER_COLUMNS}`,
    [networkId, workerId, JSON.stringify(pin), options.organisationId, options.onlyIfUnset]
  );
  return row ?? null;
}

/** A worker leaves: they drop off their tablets' rosters; what they recorded stays. */
export async function removeWorker(db: SqlClient, networkId: string, workerId: string, organisationId: string | null): Promise<Worker | null> {
  const [row] = await db.query<Worker>(
    `update workers w set active = false
      where w.network_id = $1 and w.id = $2 and w.active and ($3::uuid is null or w.organisation_id = $3)
      returning ${WORKER_COLUMNS}`,
    [networkId, workerId, organisationId]
  );
  return row ?? null;
}
