import { json } from '@sveltejs/kit';
import { DEVICE } from '$lib/domain/access';
import { apiError } from '$lib/server/api-error';
import { guardEndpoint } from '$lib/server/auth/guard';
import { chooseFirstPin } from '$lib/server/auth/workers';
import { readJsonBody } from '$lib/server/sync/read-body';
import type { RequestHandler } from './$types';

/** A worker without a PIN chooses one on an online tablet: { pin }. Answers the tablet's new roster. */
export const POST: RequestHandler = guardEndpoint(DEVICE, async ({ locals, params, request }, caller) => {
  const body = (await readJsonBody(request, 1_000)) as { pin?: unknown } | null;
  const outcome = await chooseFirstPin(locals.store, caller, params.id, body?.pin);
  if (!outcome.ok) return apiError(400, 'invalid', outcome.errors[0].message);
  return json(outcome.value, { headers: { 'cache-control': 'no-store' } });
});
