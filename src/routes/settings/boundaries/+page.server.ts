import { env } from '$env/dynamic/private';
import { pagePerson } from '$lib/server/auth/guard';
import { DEFAULT_ONS_WARD_SERVICE } from '$lib/map/ons-ward-service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  pagePerson(locals); // a coordinator's page (PAGE_ACCESS): the hook has admitted them
  return { serviceUrl: env.ONS_WARD_SERVICE_URL || DEFAULT_ONS_WARD_SERVICE };
};
