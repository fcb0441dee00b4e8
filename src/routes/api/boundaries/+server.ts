import { json } from '@sveltejs/kit';
import { importBoundaryFile } from '$lib/server/boundary-import-request';
import type { RequestHandler } from './$types';

/** Imports a ward boundary file sent as the request body (GeoJSON or TopoJSON). */
export const POST: RequestHandler = async ({ request, locals }) => {
  const reply = await importBoundaryFile(locals.store, await request.text());
  return json(reply.body, { status: reply.status });
};
