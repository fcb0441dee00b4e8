import { json } from '@sveltejs/kit';
import { apiError } from '$lib/server/api-error';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/cookies';
import { enrolTablet } from '$lib/server/auth/enrolment';
import { readJsonBody } from '$lib/server/sync/read-body';
import type { RequestHandler } from './$types';

/** Public: a tablet gives its one-time enrolment code and gets its device credential, as an httpOnly cookie. */
export const POST: RequestHandler = async ({ request, locals, cookies, url, getClientAddress }) => {
  if (!locals.network) return apiError(409, 'not-set-up');
  const body = await readJsonBody(request, 2_000);
  const outcome = await enrolTablet(locals.store, locals.network, body, {
    clientAddress: getClientAddress(),
    currentCredential: cookies.get(DEVICE_COOKIE)
  });
  if (!outcome.ok) {
    const retry = outcome.retryAfterSeconds ? { 'retry-after': String(outcome.retryAfterSeconds) } : undefined;
    return apiError(outcome.status, 'invalid', outcome.message, retry);
  }
  setDeviceCookie(cookies, url, outcome.credential);
  return json(outcome.result, { headers: { 'cache-control': 'no-store' } });
};
