import { PEOPLE } from '$lib/domain/access';
import { parseMapFilters } from '$lib/domain/ward-map';
import { apiError } from '$lib/server/api-error';
import { guardEndpoint } from '$lib/server/auth/guard';
import { wardMapResponse } from '$lib/server/ward-map-response';
import type { RequestHandler } from './$types';

/** The ward map's figures for the filters in the query string (?theme=…&from=…&to=…&event=…). */
export const GET: RequestHandler = guardEndpoint(PEOPLE, async ({ locals, url, request }, caller) => {
  const parsed = parseMapFilters(url.searchParams);
  if (!parsed.ok) return apiError(400, 'invalid', parsed.message);
  return wardMapResponse(locals.store, caller.network.id, parsed.filters, request.headers.get('if-none-match'));
});
