import { uuidv7 } from 'uuidv7';
import type { PersonRole } from '$lib/domain/access';
import type { ListedPerson, Person } from '$lib/domain/person';
import { EmailTakenError } from './errors';
import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * People, their sessions, invitation and reset links, sign-in failures and rate limits. Every
 * secret arrives here already hashed; every time is the database's, so several server processes
 * agree on what has expired.
 */

const PERSON_COLUMNS = `p.id::text as id, p.email, p.name, p.role, p.organisation_id::text as "organisationId", p.active`;

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

// Sessions ----------------------------------------------------------------------------------

export interface SessionWithPerson {
  sessionId: string;
  expiresAt: string;
  /** True when the session's sliding expiry should move on (it was last moved over a day ago). */
  due: boolean;
  person: Person;
  networkId: string;
}

export async function createSession(
  db: SqlClient,
  session: { id: string; personId: string; idleDays: number; absoluteDays: number }
): Promise<void> {
  await db.query(
    `insert into sessions (id, person_id, expires_at, absolute_expires_at)
     values ($1, $2, now() + make_interval(days => $3), now() + make_interval(days => $4))`,
    [session.id, session.personId, session.idleDays, session.absoluteDays]
  );
}

/** The live session with this id and its person, or null when it has expired or the person may not sign in. */
export async function sessionWithPerson(db: SqlClient, sessionId: string, idleDays: number): Promise<SessionWithPerson | null> {
  const [row] = await db.query<Person & { sessionId: string; expiresAt: string; due: boolean; networkId: string }>(
    `select s.id as "sessionId", to_char(s.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "expiresAt",
            s.expires_at < now() + make_interval(days => $2) - interval '1 day' as due,
            p.network_id::text as "networkId", ${PERSON_COLUMNS}
       from sessions s join people p on p.id = s.person_id
      where s.id = $1 and s.expires_at > now() and s.absolute_expires_at > now() and p.active`,
    [sessionId, idleDays]
  );
  if (!row) return null;
  const { sessionId: id, expiresAt, due, networkId, ...person } = row;
  return { sessionId: id, expiresAt, due, networkId, person };
}

/** Moves a session's idle expiry on, never past its absolute expiry; the new expiry. */
export async function extendSession(db: SqlClient, sessionId: string, idleDays: number): Promise<string | null> {
  const [row] = await db.query<{ expiresAt: string }>(
    `update sessions set expires_at = least(now() + make_interval(days => $2), absolute_expires_at)
      where id = $1
      returning to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "expiresAt"`,
    [sessionId, idleDays]
  );
  return row?.expiresAt ?? null;
}

export async function deleteSession(db: SqlClient, sessionId: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [sessionId]);
}

/** Signs a person out everywhere; how many sessions ended. */
export async function deletePersonSessions(db: SqlClient, personId: string): Promise<number> {
  const rows = await db.query('delete from sessions where person_id = $1 returning id', [personId]);
  return rows.length;
}

// Invitation and password-reset links -----------------------------------------------------------

export type AccountLinkKind = 'invitation' | 'password-reset';

export interface AccountLink {
  kind: AccountLinkKind;
  email: string;
  role: PersonRole | null;
  organisationId: string | null;
  personId: string | null;
  createdBy: string | null;
  expiresAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: PersonRole;
  organisationName: string | null;
  expiresAt: string;
}

const LINK_COLUMNS = `kind, email, role, organisation_id::text as "organisationId", person_id::text as "personId",
  created_by::text as "createdBy", to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "expiresAt"`;

export async function createAccountLink(
  db: SqlClient,
  networkId: string,
  link: Omit<AccountLink, 'expiresAt'> & { id: string; validHours: number }
): Promise<void> {
  await db.query(
    `insert into account_links (id, network_id, kind, email, role, organisation_id, person_id, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(hours => $9))`,
    [link.id, networkId, link.kind, link.email, link.role, link.organisationId, link.personId, link.createdBy, link.validHours]
  );
}

/** The unused, unexpired link with this id, without using it (to show its form). */
export async function peekAccountLink(db: SqlClient, id: string, kind: AccountLinkKind): Promise<AccountLink | null> {
  const [row] = await db.query<AccountLink>(
    `select ${LINK_COLUMNS} from account_links where id = $1 and kind = $2 and used_at is null and expires_at > now()`,
    [id, kind]
  );
  return row ?? null;
}

/** Uses a link once: the first caller gets it, any later one (or after expiry) gets null. */
export async function useAccountLink(db: SqlClient, id: string, kind: AccountLinkKind): Promise<AccountLink | null> {
  const [row] = await db.query<AccountLink>(
    `update account_links set used_at = now()
      where id = $1 and kind = $2 and used_at is null and expires_at > now()
      returning ${LINK_COLUMNS}`,
    [id, kind]
  );
  return row ?? null;
}

/** Invitations not yet accepted nor expired, newest first. `id` is the link's hash, for withdrawing it. */
export async function pendingInvitations(db: SqlClient, networkId: string): Promise<PendingInvitation[]> {
  return db.query<PendingInvitation>(
    `select l.id, l.email, l.role, o.name as "organisationName",
            to_char(l.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "expiresAt"
       from account_links l left join organisations o on o.id = l.organisation_id
      where l.network_id = $1 and l.kind = 'invitation' and l.used_at is null and l.expires_at > now()
      order by l.created_at desc, l.made desc`,
    [networkId]
  );
}

/** Ends every unused link of a kind for an email (an invitation withdrawn, or superseded by a new one). */
export async function withdrawAccountLinks(db: SqlClient, networkId: string, email: string, kind: AccountLinkKind): Promise<number> {
  const rows = await db.query(
    `update account_links set used_at = now()
      where network_id = $1 and lower(email) = lower($2) and kind = $3 and used_at is null and expires_at > now() returning id`,
    [networkId, email, kind]
  );
  return rows.length;
}

// Rate limits ---------------------------------------------------------------------------------

/**
 * Counts one hit against `key` in a fixed window of `windowSeconds`, atomically, and returns the
 * hits in the window so far and the seconds until it ends.
 */
export async function hitRateLimit(db: SqlClient, key: string, windowSeconds: number): Promise<{ hits: number; resetSeconds: number }> {
  const [row] = await db.query<{ hits: number; resetSeconds: number }>(
    `insert into rate_limits as r (key, window_started_at, hits) values ($1, now(), 1)
     on conflict (key) do update set
       hits = case when r.window_started_at <= now() - make_interval(secs => $2) then 1 else r.hits + 1 end,
       window_started_at = case when r.window_started_at <= now() - make_interval(secs => $2) then now() else r.window_started_at end
     returning hits, greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => $2) - now()))))::int as "resetSeconds"`,
    [key, windowSeconds]
  );
  return row;
}

/**
 * Accepts an invitation: uses its link and creates the person it invites, in one transaction, so
 * a refused account (the email taken meanwhile) leaves the link usable. Null when the link is
 * unknown, used or expired; throws EmailTakenError.
 */
export async function acceptInvitation(
  db: SqlDatabase,
  linkId: string,
  person: { name: string; passwordHash: string }
): Promise<{ person: Person; networkId: string } | null> {
  return db.transaction(async (tx) => {
    const [link] = await tx.query<AccountLink & { networkId: string }>(
      `update account_links set used_at = now()
        where id = $1 and kind = 'invitation' and used_at is null and expires_at > now()
        returning ${LINK_COLUMNS}, network_id::text as "networkId"`,
      [linkId]
    );
    if (!link?.role) return null;
    const created = await createPerson(tx, link.networkId, {
      email: link.email,
      name: person.name,
      role: link.role,
      organisationId: link.organisationId,
      passwordHash: person.passwordHash
    });
    return { person: created, networkId: link.networkId };
  });
}

/**
 * Uses a password-reset link: sets the new password and ends every session of its person, in one
 * transaction. The person, or null when the link is unknown, used or expired.
 */
export async function resetPassword(db: SqlDatabase, linkId: string, passwordHash: string): Promise<Person | null> {
  return db.transaction(async (tx) => {
    const link = await useAccountLink(tx, linkId, 'password-reset');
    if (!link?.personId) return null;
    await setPassword(tx, link.personId, passwordHash);
    await deletePersonSessions(tx, link.personId);
    const [person] = await tx.query<Person>(`select ${PERSON_COLUMNS} from people p where p.id = $1`, [link.personId]);
    return person ?? null;
  });
}
