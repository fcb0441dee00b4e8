import { json } from '@sveltejs/kit';
import { DEVICE } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { deviceRoster } from '$lib/server/auth/workers';
import type { RequestHandler } from './$types';

/**
 * The tablet's organisation, lock time and workers with their PIN hashes, kept on it for offline
 * unlocking, and its reference-code blocks; `?more-codes=1` asks for a further block (issue 13).
 */
export const GET: RequestHandler = guardEndpoint(DEVICE, async ({ locals, url }, caller) =>
  json(await deviceRoster(locals.store, caller, { moreCodes: url.searchParams.get('more-codes') === '1' }), { headers: { 'cache-control': 'no-store' } })
);
