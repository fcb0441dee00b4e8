import type { HandleServerError, RequestEvent } from '@sveltejs/kit';
import { apiErrorBody } from './api-error';

/**
 * A 500 means a bug (issue 11): anything a client can send is answered 4xx. Every request gets an
 * id; a failure is logged under it, and the answer carries it (`x-request-id`, and the page's or
 * the API's error body), so a coordinator's report leads to the log line.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

const SERVER_FAULT = 'Something went wrong on the server. It has been logged; if it happens again, give your coordinator this reference.';

export function startRequest(event: RequestEvent): void {
  event.locals.requestId = crypto.randomUUID();
}

/** SvelteKit's `handleError`: only unexpected errors reach it. A missing page is not logged. */
export const handleServerError: HandleServerError = ({ error, event, status, message }) => {
  const requestId = event.locals.requestId ?? crypto.randomUUID();
  if (status === 404) return { message, requestId };
  console.error(`Request ${requestId} failed: ${event.request.method} ${event.url.pathname}`, error);
  return { message: SERVER_FAULT, requestId };
};

/**
 * The answer with its request id; an API failure in the API's one error shape (SvelteKit answers
 * an endpoint's crash with its page error shape), so a device reads `reason: 'server'` and retries.
 */
export function finishRequest(event: RequestEvent, response: Response): Response {
  const requestId = event.locals.requestId;
  if (!requestId) return response;
  if (response.status === 500 && event.url.pathname.startsWith('/api/')) {
    const body = apiErrorBody('server', SERVER_FAULT);
    return Response.json({ error: { ...body.error, requestId } }, { status: 500, headers: { 'cache-control': 'no-store', [REQUEST_ID_HEADER]: requestId } });
  }
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    // A response with immutable headers (a fetch passed through): copied to name the request.
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}
