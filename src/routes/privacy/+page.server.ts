import { retentionSentence } from '$lib/domain/contact-retention';
import type { PageServerLoad } from './$types';

/** Public: anyone (a resident, a worker before enrolling) may read how their words are used. */
export const load: PageServerLoad = async ({ locals }) => {
  const network = locals.network;
  if (!network) return { setUp: false as const };
  const [months, smallCountThreshold, residentContact] = await Promise.all([
    locals.store.retention.contactRetentionMonths(network.id),
    locals.store.suppressionThreshold(network.id),
    locals.store.referenceCodes.residentContact(network.id)
  ]);
  return {
    setUp: true as const,
    networkName: network.name,
    notice: network.privacyNotice,
    leadsSeeContacts: network.leadsSeeContacts,
    contactRetention: retentionSentence(months),
    smallCountThreshold,
    residentContact
  };
};
