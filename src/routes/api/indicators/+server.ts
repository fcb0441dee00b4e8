import { json } from '@sveltejs/kit';
import { PEOPLE } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/**
 * The network's ward indicators with their value per ward:
 * [{ id, name, source, lowerIsMoreDeprived, values: { [wardCode]: number } }]. For the map and tables.
 */
export const GET: RequestHandler = guardEndpoint(PEOPLE, async ({ locals }, caller) =>
  json(await locals.store.wardIndicators(caller.network.id), { headers: { 'cache-control': 'no-store' } })
);
