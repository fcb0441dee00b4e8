import { retentionSentence } from '$lib/domain/contact-retention';
import type { PageServerLoad } from './$types';

/** Public: anyone (a resident, a worker before enrolling) may read how their words are used. */
export const load: PageServerLoad = async ({ locals }) => {
  const network = locals.network;
  if (!network) return { setUp: false as const };
  const contactRetention = retentionSentence(await locals.store.retention.contactRetentionMonths(network.id));
  return {
    setUp: true as const,
    networkName: network.name,
    notice: network.privacyNotice,
    leadsSeeContacts: network.leadsSeeContacts,
    contactRetention,
    residentContact: await locals.store.referenceCodes.residentContact(network.id)
  };
};
