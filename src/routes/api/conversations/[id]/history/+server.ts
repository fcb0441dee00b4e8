import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Values of the conversation that lost to concurrent edits of the same field (SYNC-SPEC S5). */
export const GET: RequestHandler = async ({ params, locals }) =>
  json({ history: await locals.store.conversationHistory(params.id) }, { headers: { 'cache-control': 'no-store' } });
