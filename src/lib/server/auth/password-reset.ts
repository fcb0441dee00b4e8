import type { FieldError } from '$lib/domain/field-error';
import type { Network } from '$lib/domain/network';
import { Email } from '$lib/domain/person';
import type { Store } from '../store';
import { checkNewPassword, makeResetLink } from './account-links';
import type { MailSettings } from './mail';
import { hashSecret } from './secrets';

/**
 * Password resets a person asks for themselves (only when the server can mail links), and
 * using a reset link, whoever made it.
 */

/** Asks per connection, and mails per address, in an hour: enough for a slip, too few to flood an inbox. */
export const RESET_REQUEST_RATE = { perConnection: 10, perEmail: 3, windowSeconds: 60 * 60 } as const;

export type ResetRequestOutcome = { ok: true } | { ok: false; status: 400 | 429; errors: FieldError[] };

/**
 * Mails a reset link to the email's owner, if there is one who may sign in. The answer is the
 * same whether or not there is, and the link is made and mailed after the answer, so neither
 * what the page says nor how soon it says it tells anyone who has an account.
 */
export async function requestPasswordReset(
  store: Store,
  network: Network,
  request: { email: string; clientAddress: string; origin: string },
  mail: MailSettings
): Promise<ResetRequestOutcome> {
  const email = Email.safeParse(request.email);
  if (!email.success) return { ok: false, status: 400, errors: [{ field: 'email', message: email.error.issues[0].message }] };
  const byConnection = await store.accounts.hitRateLimit(`reset-request:${request.clientAddress}`, RESET_REQUEST_RATE.windowSeconds);
  if (byConnection.hits > RESET_REQUEST_RATE.perConnection) {
    const minutes = Math.ceil(byConnection.resetSeconds / 60);
    return { ok: false, status: 429, errors: [{ field: 'email', message: `Too many requests from this connection. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again` }] };
  }
  const byEmail = await store.accounts.hitRateLimit(`reset-request:${email.data.toLowerCase()}`, RESET_REQUEST_RATE.windowSeconds);
  if (byEmail.hits <= RESET_REQUEST_RATE.perEmail) {
    void mailResetLink(store, network, email.data, request.origin, mail).catch((error: Error) =>
      console.error(`Anchor Listening: could not make a password reset link: ${error.message}`)
    );
  }
  return { ok: true };
}

async function mailResetLink(store: Store, network: Network, email: string, origin: string, mail: MailSettings): Promise<void> {
  const found = await store.accounts.personByEmail(network.id, email);
  if (!found?.person.active) return;
  const made = await makeResetLink(store, network.id, found.person, null, origin, mail);
  await store.audit.record(network.id, {
    actor: { kind: 'anonymous', id: null, name: 'Someone not signed in' },
    action: 'password-reset-created',
    subject: found.person.email,
    details: { asked: 'on the reset page', mailed: made.mailed }
  });
}

/** The email a reset link is for, without using it; null when it is unknown, used or expired. */
export async function resetLinkEmail(store: Store, token: string): Promise<string | null> {
  const link = await store.accounts.peekAccountLink(hashSecret(token), 'password-reset');
  return link?.email ?? null;
}

export type ResetOutcome = { ok: true } | { ok: false; expired: true } | { ok: false; errors: FieldError[] };

/** Sets a new password with a reset link, once; every session of the person ends. */
export async function resetPasswordWithLink(
  store: Store,
  network: Network,
  token: string,
  input: { password: string; passwordAgain: string }
): Promise<ResetOutcome> {
  const password = await checkNewPassword(input.password, input.passwordAgain);
  if (!password.ok) return password;
  const person = await store.accounts.resetPassword(hashSecret(token), password.passwordHash);
  if (!person) return { ok: false, expired: true };
  await store.audit.record(network.id, {
    actor: { kind: 'person', id: person.id, name: person.name },
    action: 'password-reset',
    subject: person.email
  });
  return { ok: true };
}
