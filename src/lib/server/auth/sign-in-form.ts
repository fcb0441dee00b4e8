import type { Cookies } from '@sveltejs/kit';
import type { FieldError } from '$lib/domain/field-error';
import type { Network } from '$lib/domain/network';
import { BROKEN_TEXT_MESSAGE, isStorableText } from '$lib/domain/text';
import type { Store } from '../store';
import { startSession } from './sessions';
import { signIn } from './sign-in';

/** The ids of the sign-in form's inputs, which the error summary links to. */
export const SIGN_IN_FIELDS = { email: 'email', password: 'password' } as const;

export type SignInFormOutcome = { ok: true } | { ok: false; status: 400 | 429; errors: FieldError[] };

/**
 * What the sign-in page does with a submission: both fields must be filled in (an empty one is
 * not a failed attempt), then `signIn` checks them and, when right, a session starts for this
 * browser.
 */
export async function signInWithForm(
  store: Store,
  network: Network,
  event: { cookies: Cookies; url: URL; clientAddress: string },
  input: { email: string; password: string }
): Promise<SignInFormOutcome> {
  const errors: FieldError[] = [];
  if (!input.email.trim()) errors.push({ field: SIGN_IN_FIELDS.email, message: 'Enter your email address' });
  // Looked up and written to the audit log: text no database keeps is named, not sent (issue 11).
  else if (!isStorableText(input.email)) errors.push({ field: SIGN_IN_FIELDS.email, message: BROKEN_TEXT_MESSAGE });
  if (!input.password) errors.push({ field: SIGN_IN_FIELDS.password, message: 'Enter your password' });
  if (errors.length > 0) return { ok: false, status: 400, errors };

  const outcome = await signIn(store, network, { ...input, clientAddress: event.clientAddress });
  if (!outcome.ok) return { ok: false, status: outcome.status, errors: [{ field: SIGN_IN_FIELDS.email, message: outcome.message }] };
  await startSession(store, event.cookies, event.url, outcome.person.id);
  return { ok: true };
}
