import { json } from '@sveltejs/kit';
import { SIGNED_IN } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/** The network's themes, prompts, events, organisations and wards, for tablets to keep offline and for staff pages. */
export const GET: RequestHandler = guardEndpoint(SIGNED_IN, async ({ locals }) => {
  const data = await locals.store.getReferenceData();
  return json(data, { headers: { 'cache-control': 'no-store' } });
});
