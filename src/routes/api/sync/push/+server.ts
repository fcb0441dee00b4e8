import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { DEVICE } from '$lib/domain/access';
import { PUSH_MAX_BYTES } from '$lib/domain/protocol';
import { guardEndpoint } from '$lib/server/auth/guard';
import { recordSync } from '$lib/server/sync/device-sync';
import { readProtocolMessage } from '$lib/server/sync/protocol-message';
import { handlePush } from '$lib/server/sync/push-handler';
import type { RequestHandler } from './$types';

const push = guardEndpoint(DEVICE, async ({ locals, request }, caller, message: { json: unknown }) => {
  const reply = await handlePush(locals.store, message, caller, env);
  await recordSync(locals.store, caller, request);
  return json(reply.body, { status: reply.status, headers: { 'cache-control': 'no-store' } });
});

/** An app too old to speak this protocol is told to update before anything else (SYNC-SPEC S7). */
export const POST: RequestHandler = async (event) => {
  const message = await readProtocolMessage(event.request, 'push', PUSH_MAX_BYTES);
  if ('refusal' in message) return json(message.refusal.body, { status: message.refusal.status });
  return push(event, message);
};
