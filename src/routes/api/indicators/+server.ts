import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The network's ward indicators with their value per ward:
 * [{ id, name, source, lowerIsMoreDeprived, values: { [wardCode]: number } }]. For the map and tables.
 */
export const GET: RequestHandler = async ({ locals }) => {
  const network = await locals.store.getNetwork();
  if (!network) {
    return json({ error: { reason: 'not-set-up', message: 'The network has not been set up yet.' } }, { status: 404 });
  }
  return json(await locals.store.wardIndicators(network.id), { headers: { 'cache-control': 'no-store' } });
};
