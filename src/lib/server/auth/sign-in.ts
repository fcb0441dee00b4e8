import type { Network } from '$lib/domain/network';
import { PASSWORD_MAX_LENGTH, type Person } from '$lib/domain/person';
import type { Store } from '../store';
import { verifyDecoy, verifyPassword } from './passwords';

/** After this many wrong passwords in a row an account locks for a while (OWASP). */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;
/** Attempts from one address in a window, across all accounts, before it must wait. */
export const SIGN_IN_RATE = { attempts: 20, windowSeconds: 10 * 60 } as const;

export type SignInOutcome =
  | { ok: true; person: Person }
  | { ok: false; status: 400 | 429; message: string; retryAfterSeconds?: number };

const WRONG = 'The email address or password is not right. Check them and try again.';

/**
 * Checks an email and password. Counted in the database, so every server process agrees: each
 * address may try `SIGN_IN_RATE.attempts` times a window, and an account locks for
 * `LOCKOUT.minutes` after `LOCKOUT.failures` wrong passwords in a row. An unknown email costs the
 * same time as a known one, and gets the same answer.
 */
export async function signIn(
  store: Store,
  network: Network,
  attempt: { email: string; password: string; clientAddress: string }
): Promise<SignInOutcome> {
  const rate = await store.accounts.hitRateLimit(`sign-in:${attempt.clientAddress}`, SIGN_IN_RATE.windowSeconds);
  if (rate.hits > SIGN_IN_RATE.attempts) {
    const minutes = Math.ceil(rate.resetSeconds / 60);
    return {
      ok: false,
      status: 429,
      retryAfterSeconds: rate.resetSeconds,
      message: `Too many sign-in attempts from this connection. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
    };
  }
  const email = attempt.email.trim();
  const password = attempt.password.slice(0, PASSWORD_MAX_LENGTH + 1);
  const found = email ? await store.accounts.personByEmail(network.id, email) : null;
  const record = (action: 'sign-in' | 'sign-in-failed' | 'account-locked', person: Person | null, reason = '') =>
    store.audit.record(network.id, {
      actor: person ? { kind: 'person', id: person.id, name: person.name } : { kind: 'anonymous', id: null, name: 'Someone not signed in' },
      action,
      subject: email.slice(0, 254),
      details: reason ? { reason } : {}
    });

  if (!found) {
    await verifyDecoy(password);
    await record('sign-in-failed', null, 'no such account');
    return { ok: false, status: 400, message: WRONG };
  }
  if (found.lockedUntil) {
    await record('sign-in-failed', found.person, 'locked');
    return { ok: false, status: 400, message: lockedMessage() };
  }
  const matches = await verifyPassword(found.passwordHash, password);
  if (!matches) {
    const { locked } = await store.accounts.recordSignInFailure(found.person.id, LOCKOUT.failures, LOCKOUT.minutes);
    await record(locked ? 'account-locked' : 'sign-in-failed', found.person, 'wrong password');
    return { ok: false, status: 400, message: locked ? lockedMessage() : WRONG };
  }
  if (!found.person.active) {
    // The right password: its owner may know why they cannot come in.
    await record('sign-in-failed', found.person, 'deactivated');
    return { ok: false, status: 400, message: 'Your account has been switched off. Ask your coordinator if you still need it.' };
  }
  await store.accounts.recordSignInSuccess(found.person.id);
  await record('sign-in', found.person);
  return { ok: true, person: found.person };
}

const lockedMessage = () =>
  `This account is locked for ${LOCKOUT.minutes} minutes after ${LOCKOUT.failures} wrong passwords. ` +
  'Try again later, or ask your coordinator for a password reset link.';
