import type { PersonRole } from '$lib/domain/access';
import type { Person } from '$lib/domain/person';
import { PERSON_COLUMNS } from './person-columns';
import { createPerson, setPassword } from './person-queries';
import { deletePersonSessions } from './session-queries';
import type { SqlClient, SqlDatabase } from './sql-database';

/** Invitation and password-reset links (ids arrive hashed), used once, and what using one does. */

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
