import { wardBoundariesResponse } from '$lib/server/ward-boundaries-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, request }) =>
  wardBoundariesResponse(locals.store, request.headers.get('if-none-match'));
