import { uuidv7 } from 'uuidv7';
import type { PersonRole } from '$lib/domain/access';
import type { ListedPerson, Person } from '$lib/domain/person';
import { EmailTakenError } from './errors';
import { PERSON_COLUMNS } from './person-columns';
import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * People and their passwords and sign-in failures. Every secret arrives here already hashed; every
 * time is the database's, so several server processes agree on what has expired.
 */

export interface PersonSecret {
  person: Person;
  passwordHash: string;
  lockedUntil: string | null;
}

export interface NewPerson {
  email: string;
  name: string;
  role: PersonRole;
  organisationId: string | null;
  passwordHash: string;
}

/** Adds a person; throws EmailTakenError when someone in the network already has the email. */
export async function createPerson(db: SqlClient, networkId: string, person: NewPerson): Promise<Person> {
  const id = uuidv7();
  const [row] = await db.query<Person>(
    `insert into people (id, network_id, email, name, role, organisation_id, password_hash)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (network_id, lower(email)) do nothing
     returning ${PERSON_COLUMNS.replaceAll('p.', '')}`,
    [id, networkId, person.email, person.name, person.role, person.organisationId, person.passwordHash]
  );
  if (!row) throw new EmailTakenError(person.email);
  return row;
}

export async function personByEmail(db: SqlClient, networkId: string, email: string): Promise<PersonSecret | null> {
  const [row] = await db.query<Person & { passwordHash: string; lockedUntil: string | null }>(
    `select ${PERSON_COLUMNS}, p.password_hash as "passwordHash",
            case when p.locked_until > now() then to_char(p.locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as "lockedUntil"
       from people p where p.network_id = $1 and lower(p.email) = lower($2)`,
    [networkId, email]
  );
  if (!row) return null;
  const { passwordHash, lockedUntil, ...person } = row;
  return { person, passwordHash, lockedUntil };
}

export async function personById(db: SqlClient, networkId: string, id: string): Promise<Person | null> {
  const [row] = await db.query<Person>(`select ${PERSON_COLUMNS} from people p where p.network_id = $1 and p.id = $2`, [networkId, id]);
  return row ?? null;
}

export async function listPeople(db: SqlClient, networkId: string): Promise<ListedPerson[]> {
  return db.query<ListedPerson>(
    `select ${PERSON_COLUMNS}, o.name as "organisationName",
            case when p.locked_until > now() then to_char(p.locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as "lockedUntil"
       from people p left join organisations o on o.id = p.organisation_id
      where p.network_id = $1 order by p.active desc, lower(p.name), p.id`,
    [networkId]
  );
}

/** Changes a person's role (with its organisation) or whether they may sign in; the person as now, or null. */
export async function updatePerson(
  db: SqlDatabase,
  networkId: string,
  id: string,
  change: { role: PersonRole; organisationId: string | null } | { active: boolean }
): Promise<Person | null> {
  return db.transaction(async (tx) => {
    const [row] =
      'active' in change
        ? await tx.query<Person>(`update people p set active = $3 where p.network_id = $1 and p.id = $2 returning ${PERSON_COLUMNS}`, [
            networkId,
            id,
            change.active
          ])
        : await tx.query<Person>(
            `update people p set role = $3, organisation_id = $4 where p.network_id = $1 and p.id = $2 returning ${PERSON_COLUMNS}`,
            [networkId, id, change.role, change.organisationId]
          );
    // Someone who may no longer sign in, or whose role changed, signs in afresh.
    if (row) await tx.query('delete from sessions where person_id = $1', [id]);
    return row ?? null;
  });
}

/** Counts the active coordinators, so the last one cannot be demoted or deactivated. */
export async function countActiveCoordinators(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from people where network_id = $1 and role = 'coordinator' and active`,
    [networkId]
  );
  return row.n;
}

/** A new password; clears failed sign-ins and any lock. */
export async function setPassword(db: SqlClient, personId: string, passwordHash: string): Promise<void> {
  await db.query('update people set password_hash = $2, failed_sign_ins = 0, locked_until = null where id = $1', [personId, passwordHash]);
}

/**
 * Counts a failed sign-in atomically (two processes cannot both miss a failure); after
 * `maxFailures` in a row the account locks for `lockMinutes` and the count starts again.
 */
export async function recordSignInFailure(
  db: SqlClient,
  personId: string,
  maxFailures: number,
  lockMinutes: number
): Promise<{ locked: boolean }> {
  const [row] = await db.query<{ locked: boolean }>(
    `update people set
        failed_sign_ins = case when failed_sign_ins + 1 >= $2 then 0 else failed_sign_ins + 1 end,
        locked_until = case when failed_sign_ins + 1 >= $2 then now() + make_interval(mins => $3) else locked_until end
      where id = $1
      returning locked_until > now() as locked`,
    [personId, maxFailures, lockMinutes]
  );
  return { locked: row?.locked ?? false };
}

export async function recordSignInSuccess(db: SqlClient, personId: string): Promise<void> {
  await db.query('update people set failed_sign_ins = 0, locked_until = null where id = $1 and (failed_sign_ins > 0 or locked_until is not null)', [
    personId
  ]);
}

export async function unlockPerson(db: SqlClient, networkId: string, personId: string): Promise<void> {
  await db.query('update people set failed_sign_ins = 0, locked_until = null where network_id = $1 and id = $2', [networkId, personId]);
}
