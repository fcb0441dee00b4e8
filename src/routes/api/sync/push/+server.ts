import { json } from '@sveltejs/kit';
import { handlePush } from '$lib/server/sync/push-handler';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
  const reply = await handlePush(locals.store, request);
  return json(reply.body, { status: reply.status });
};
