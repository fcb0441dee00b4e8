import type { Cookies } from '@sveltejs/kit';
import type { Checked, FieldError } from '$lib/domain/field-error';
import type { Store } from '../store';
import { checkNewPassword } from './account-links';
import { audit } from './audit';
import { clearSessionCookie } from './cookies';
import type { PersonCaller } from './guard';
import { verifyPassword } from './passwords';
import { endSession, startSession } from './sessions';

/**
 * What a signed-in person does with their own account (the account page): sign out here or
 * everywhere, and change their password. Each is written to the audit log.
 */

export const PASSWORD_FIELDS = { current: 'current-password', new: 'new-password', again: 'new-password-again' } as const;
/** Wrong current passwords a person may give in a window, so a borrowed session cannot guess it. */
export const PASSWORD_CHANGE_RATE = { attempts: 5, windowSeconds: 15 * 60 } as const;

/** Who is signed in, as their account page shows them. */
export async function ownAccount(store: Store, caller: PersonCaller) {
  const listed = (await store.accounts.listPeople(caller.network.id)).find((p) => p.id === caller.person.id);
  const { name, email, role } = caller.person;
  return { name, email, role, organisationName: listed?.organisationName ?? null };
}

export async function signOut(store: Store, caller: PersonCaller, cookies: Cookies, url: URL): Promise<void> {
  await audit(store, caller, 'sign-out', caller.person.email);
  await endSession(store, cookies, url, caller.person.sessionId);
}

/** Ends every session of the caller, this one too (a lost phone, a shared computer left signed in). */
export async function signOutEverywhere(store: Store, caller: PersonCaller, cookies: Cookies, url: URL): Promise<void> {
  const sessions = await store.accounts.deletePersonSessions(caller.person.id);
  clearSessionCookie(cookies, url);
  await audit(store, caller, 'sign-out-everywhere', caller.person.email, { sessions });
}

/**
 * Changes the caller's password when their current one is right and the new one, typed twice,
 * is good enough. Every other session ends; this browser gets a new one.
 */
export async function changePassword(
  store: Store,
  caller: PersonCaller,
  event: { cookies: Cookies; url: URL },
  input: { current: string; password: string; passwordAgain: string }
): Promise<Checked<null>> {
  const errors: FieldError[] = [];
  const found = await store.accounts.personByEmail(caller.network.id, caller.person.email);
  if (!input.current) errors.push({ field: PASSWORD_FIELDS.current, message: 'Enter your current password' });
  else {
    const rate = await store.accounts.hitRateLimit(`password-change:${caller.person.id}`, PASSWORD_CHANGE_RATE.windowSeconds);
    if (rate.hits > PASSWORD_CHANGE_RATE.attempts) {
      const minutes = Math.ceil(rate.resetSeconds / 60);
      errors.push({ field: PASSWORD_FIELDS.current, message: `Too many tries. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again` });
    } else if (!found || !(await verifyPassword(found.passwordHash, input.current))) {
      errors.push({ field: PASSWORD_FIELDS.current, message: 'Your current password is not right' });
    }
  }
  const password = await checkNewPassword(input.password, input.passwordAgain, PASSWORD_FIELDS.new);
  if (!password.ok) errors.push(...password.errors);
  else if (input.password === input.current) errors.push({ field: PASSWORD_FIELDS.new, message: 'Choose a new password, not the one you have now' });
  if (errors.length > 0 || !password.ok || !found) return { ok: false, errors };

  await store.accounts.setPassword(caller.person.id, password.passwordHash);
  await store.accounts.deletePersonSessions(caller.person.id);
  await startSession(store, event.cookies, event.url, caller.person.id);
  await audit(store, caller, 'password-changed', caller.person.email);
  return { ok: true, value: null };
}
