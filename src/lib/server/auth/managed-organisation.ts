import type { Store } from '../store';
import type { PersonCaller } from './guard';

/**
 * The organisation a coordinator or lead acts for: a lead only ever for their own; a coordinator
 * for any of the network's current organisations. Null when the choice is not one they may make.
 */
export async function managedOrganisation(
  store: Store,
  caller: PersonCaller,
  requested: string
): Promise<{ id: string; name: string } | null> {
  const organisations = (await store.getReferenceData())?.organisations ?? [];
  const id = caller.person.role === 'lead' ? caller.person.organisationId : requested;
  if (caller.person.role === 'lead' && requested && requested !== id) return null;
  return organisations.find((o) => o.id === id) ?? null;
}

/** Whose records a coordinator or lead lists: a lead's own organisation only; null for all. */
export const organisationScope = (caller: PersonCaller): string | null =>
  caller.person.role === 'coordinator' ? null : caller.person.organisationId;
