import { json } from '@sveltejs/kit';
import { DEVICE } from '$lib/domain/access';
import { Id } from '$lib/domain/id';
import { apiError } from '$lib/server/api-error';
import { guardEndpoint } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

/**
 * Values of the worker's conversation that lost to concurrent edits of the same field (SYNC-SPEC
 * S5), as a worker may see them: ?worker= names the worker using the tablet.
 */
export const GET: RequestHandler = guardEndpoint(DEVICE, async ({ params, locals, url }, caller) => {
  const conversationId = Id.safeParse(params.id);
  const workerId = Id.safeParse(url.searchParams.get('worker'));
  if (!conversationId.success || !workerId.success) return apiError(400, 'invalid', 'Name a conversation and a worker by their ids.');
  const scope = { networkId: caller.network.id, organisationId: caller.device.organisationId, workerId: workerId.data };
  return json({ history: await locals.store.conversationHistory(scope, conversationId.data) }, { headers: { 'cache-control': 'no-store' } });
});
