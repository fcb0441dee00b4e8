import { SIGNED_IN } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { wardBoundariesResponse } from '$lib/server/ward-boundaries-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = guardEndpoint(SIGNED_IN, ({ locals, request }, caller) =>
  wardBoundariesResponse(locals.store, caller.network.id, request.headers.get('if-none-match'))
);
