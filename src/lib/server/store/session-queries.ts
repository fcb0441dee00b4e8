import type { Person } from '$lib/domain/person';
import { PERSON_COLUMNS } from './person-columns';
import type { SqlClient } from './sql-database';

/** Signed-in sessions (ids arrive hashed); expiry by the database's clock. */

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
