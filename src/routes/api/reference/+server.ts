import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The network's themes and wards, for devices to keep offline. */
export const GET: RequestHandler = async ({ locals }) => {
  const data = await locals.store.getReferenceData();
  if (!data) {
    return json({ error: { reason: 'not-set-up', message: 'The network has not been set up yet.' } }, { status: 404 });
  }
  return json(data, { headers: { 'cache-control': 'no-store' } });
};
