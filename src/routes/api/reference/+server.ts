import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { SIGNED_IN } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { currentSealingKey } from '$lib/server/sealing-keys';
import type { RequestHandler } from './$types';

/**
 * The network's themes, prompts, events, organisations and wards, for tablets to keep offline and
 * for staff pages, with the public key tablets seal contact details and equality answers to.
 */
export const GET: RequestHandler = guardEndpoint(SIGNED_IN, async ({ locals }) => {
  const data = await locals.store.getReferenceData();
  if (!data) return json(data, { headers: { 'cache-control': 'no-store' } });
  return json({ ...data, sealingKey: await currentSealingKey(locals.store, env) }, { headers: { 'cache-control': 'no-store' } });
});
