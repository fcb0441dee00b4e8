import { json } from '@sveltejs/kit';
import { COORDINATOR } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { importBoundaryFile } from '$lib/server/boundary-import-request';
import type { RequestHandler } from './$types';

/** Imports a ward boundary file sent as the request body (GeoJSON or TopoJSON). */
export const POST: RequestHandler = guardEndpoint(COORDINATOR, async ({ request, locals }, caller) => {
  const reply = await importBoundaryFile(locals.store, caller, () => request.arrayBuffer());
  return json(reply.body, { status: reply.status, headers: 'headers' in reply ? reply.headers : undefined });
});
