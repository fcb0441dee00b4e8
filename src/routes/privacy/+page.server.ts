import type { PageServerLoad } from './$types';

/** Public: anyone (a resident, a worker before enrolling) may read how their words are used. */
export const load: PageServerLoad = async ({ locals }) => {
  const network = locals.network;
  return network
    ? {
        setUp: true as const,
        networkName: network.name,
        notice: network.privacyNotice,
        leadsSeeContacts: network.leadsSeeContacts,
        residentContact: await locals.store.referenceCodes.residentContact(network.id)
      }
    : { setUp: false as const };
};
