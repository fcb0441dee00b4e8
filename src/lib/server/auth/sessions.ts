import type { Cookies } from '@sveltejs/kit';
import type { Person } from '$lib/domain/person';
import type { Store } from '../store';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './cookies';
import { hashSecret, newToken } from './secrets';

/** A session lasts a week from its last use, and a month at most, then its person signs in again. */
export const SESSION_IDLE_DAYS = 7;
export const SESSION_ABSOLUTE_DAYS = 30;

export interface SignedInPerson extends Person {
  sessionId: string;
}

/** Starts a session for a person and gives the browser its token. */
export async function startSession(store: Store, cookies: Cookies, url: URL, personId: string): Promise<void> {
  const token = newToken();
  const id = hashSecret(token);
  await store.accounts.createSession({ id, personId, idleDays: SESSION_IDLE_DAYS, absoluteDays: SESSION_ABSOLUTE_DAYS });
  const session = await store.accounts.sessionWithPerson(id, SESSION_IDLE_DAYS);
  if (session) setSessionCookie(cookies, url, token, session.expiresAt);
}

/**
 * The person whose live session the browser's cookie names, or null. A session in use moves its
 * idle expiry on (at most once a day, to spare the database a write per request).
 */
export async function sessionPerson(store: Store, cookies: Cookies, url: URL): Promise<{ person: SignedInPerson; networkId: string } | null> {
  const token = cookies.get(SESSION_COOKIE);
  if (!token) return null;
  const session = await store.accounts.sessionWithPerson(hashSecret(token), SESSION_IDLE_DAYS);
  if (!session) {
    clearSessionCookie(cookies, url);
    return null;
  }
  if (session.due) {
    const expiresAt = await store.accounts.extendSession(session.sessionId, SESSION_IDLE_DAYS);
    if (expiresAt) setSessionCookie(cookies, url, token, expiresAt);
  }
  return { person: { ...session.person, sessionId: session.sessionId }, networkId: session.networkId };
}

export async function endSession(store: Store, cookies: Cookies, url: URL, sessionId: string): Promise<void> {
  await store.accounts.deleteSession(sessionId);
  clearSessionCookie(cookies, url);
}
