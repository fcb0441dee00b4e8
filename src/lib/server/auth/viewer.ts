import type { Viewer } from '$lib/domain/redaction';
import type { PersonCaller } from './guard';

/** A signed-in person as `redactConversation` and the store's conversation queries know them. */
export function viewerOf(caller: PersonCaller): Viewer {
  const { person, network } = caller;
  if (person.role === 'coordinator') return { role: 'coordinator' };
  if (person.role === 'lead' && person.organisationId) {
    return { role: 'lead', organisationId: person.organisationId, seesContacts: network.leadsSeeContacts };
  }
  return { role: 'staff' };
}
