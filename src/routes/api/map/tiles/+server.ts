import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { PEOPLE } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { mapTilesFromEnv } from '$lib/server/map-tiles';
import type { RequestHandler } from './$types';

/** Which base-map tiles the map shows, if any (MAP_TILE_URL). */
export const GET: RequestHandler = guardEndpoint(PEOPLE, () => json(mapTilesFromEnv(env), { headers: { 'cache-control': 'no-cache' } }));
