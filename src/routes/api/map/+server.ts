import { json } from '@sveltejs/kit';
import { parseMapFilters } from '$lib/domain/ward-map';
import { wardMapResponse } from '$lib/server/ward-map-response';
import type { RequestHandler } from './$types';

/** The ward map's figures for the filters in the query string (?theme=…&from=…&to=…&event=…). */
export const GET: RequestHandler = async ({ locals, url, request }) => {
  const parsed = parseMapFilters(url.searchParams);
  if (!parsed.ok) return json({ error: { reason: 'invalid', message: parsed.message } }, { status: 400 });
  return wardMapResponse(locals.store, parsed.filters, request.headers.get('if-none-match'));
};
