import { redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { DEFAULT_ONS_WARD_SERVICE } from '$lib/map/ons-ward-service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (!(await locals.store.getNetwork())) redirect(303, '/setup');
  return { serviceUrl: env.ONS_WARD_SERVICE_URL || DEFAULT_ONS_WARD_SERVICE };
};
