import { json } from '@sveltejs/kit';
import { DEVICE } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { PULL_MAX_BYTES } from '$lib/server/body-limits.js';
import { recordSync } from '$lib/server/sync/device-sync';
import { handlePull } from '$lib/server/sync/pull-handler';
import { readProtocolMessage } from '$lib/server/sync/protocol-message';
import type { RequestHandler } from './$types';

const pull = guardEndpoint(DEVICE, async ({ locals, request, cookies, url }, caller, message: { json: unknown }) => {
  const reply = await handlePull(locals.store, message, caller);
  await recordSync(locals.store, caller, request, { cookies, url });
  return json(reply.body, { status: reply.status, headers: { 'cache-control': 'no-store' } });
});

/** An app too old to speak this protocol is told to update before anything else (SYNC-SPEC S7). */
export const POST: RequestHandler = async (event) => {
  const message = await readProtocolMessage(event.request, 'pull', PULL_MAX_BYTES);
  if ('refusal' in message) return json(message.refusal.body, { status: message.refusal.status, headers: { 'cache-control': 'no-store' } });
  return pull(event, message);
};
