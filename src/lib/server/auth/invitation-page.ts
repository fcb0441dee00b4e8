import type { Cookies } from '@sveltejs/kit';
import { ROLE_NAMES } from '$lib/domain/access';
import type { FieldError } from '$lib/domain/field-error';
import type { Store } from '../store';
import { acceptInvitation } from './account-links';
import { hashSecret } from './secrets';
import { endSession, startSession, type SignedInPerson } from './sessions';

/** The ids of the invitation form's inputs, which the error summary links to. */
export const INVITATION_FIELDS = { name: 'name', password: 'password', passwordAgain: 'password-again' } as const;

export interface InvitationView {
  email: string;
  roleName: string;
  organisationName: string | null;
  networkName: string;
}

/** Who an invitation link invites, without using it; null when it is unknown, used or expired. */
export async function invitationView(store: Store, token: string): Promise<InvitationView | null> {
  const link = await store.accounts.peekAccountLink(hashSecret(token), 'invitation');
  if (!link?.role) return null;
  const reference = await store.getReferenceData();
  if (!reference) return null;
  return {
    email: link.email,
    roleName: ROLE_NAMES[link.role],
    organisationName: reference.organisations.find((o) => o.id === link.organisationId)?.name ?? null,
    networkName: reference.network.name
  };
}

export type JoinOutcome = { ok: true } | { ok: false; expired: true } | { ok: false; errors: FieldError[] };

/**
 * Accepts an invitation with the name and password chosen, then signs the new person in on this
 * browser (ending whoever was signed in on it before).
 */
export async function joinByInvitation(
  store: Store,
  token: string,
  event: { cookies: Cookies; url: URL; signedIn: SignedInPerson | null },
  input: { name: string; password: string; passwordAgain: string }
): Promise<JoinOutcome> {
  const outcome = await acceptInvitation(store, token, input);
  if (!outcome.ok) return outcome;
  if (event.signedIn) await endSession(store, event.cookies, event.url, event.signedIn.sessionId);
  await startSession(store, event.cookies, event.url, outcome.person.id);
  return { ok: true };
}
