import { json } from '@sveltejs/kit';
import { handlePull } from '$lib/server/sync/pull-handler';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
  const reply = await handlePull(locals.store, request);
  return json(reply.body, { status: reply.status, headers: { 'cache-control': 'no-store' } });
};
