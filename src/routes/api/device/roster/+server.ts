import { json } from '@sveltejs/kit';
import { DEVICE } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { deviceRoster } from '$lib/server/auth/workers';
import type { RequestHandler } from './$types';

/** The tablet's organisation, lock time and workers with their PIN hashes, kept on it for offline unlocking. */
export const GET: RequestHandler = guardEndpoint(DEVICE, async ({ locals }, caller) =>
  json(await deviceRoster(locals.store, caller), { headers: { 'cache-control': 'no-store' } })
);
