import { error, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { PUSH_MAX_BYTES } from '$lib/domain/protocol';
import { apiErrorBody } from './api-error';
import {
  API_JSON_MAX_BYTES,
  BOUNDARY_FILE_MAX_BYTES,
  describeBytes,
  FORM_MAX_BYTES,
  INDICATOR_FILE_MAX_BYTES,
  PULL_MAX_BYTES
} from './body-limits.js';

/**
 * The most each route reads of a request body, enforced before the route reads it: a declared
 * Content-Length over the limit is refused at once; a body without one (chunked) is counted as the
 * route reads it and refused as it passes the limit. Either way the answer is a 413 naming the
 * limit, in the shape the route's callers read, and the route changes nothing (it fails reading
 * its input). adapter-node's BODY_SIZE_LIMIT stays the ceiling over all of them.
 */

/** How a route's callers read a refusal. */
type Answer = 'api' | 'boundary-import' | 'page';

export interface BodyLimit {
  bytes: number;
  /** The sentence naming the limit, without "Nothing was changed." */
  says: string;
}

const LARGE_ROUTES: Record<string, BodyLimit & { answer: Answer }> = {
  '/api/boundaries': {
    bytes: BOUNDARY_FILE_MAX_BYTES,
    says: `A ward boundary file can be at most ${describeBytes(BOUNDARY_FILE_MAX_BYTES)}; this one is larger.`,
    answer: 'boundary-import'
  },
  '/api/sync/push': {
    bytes: PUSH_MAX_BYTES,
    // As the push route says it when it counts the bytes itself (sync/protocol-message.ts).
    says: `The push is larger than ${PUSH_MAX_BYTES} bytes; send fewer conversations at once.`,
    answer: 'api'
  },
  '/api/sync/pull': {
    bytes: PULL_MAX_BYTES,
    says: `The pull is larger than ${PULL_MAX_BYTES} bytes.`,
    answer: 'api'
  },
  '/setup': {
    bytes: BOUNDARY_FILE_MAX_BYTES + FORM_MAX_BYTES,
    says: `The set-up form can send at most ${describeBytes(BOUNDARY_FILE_MAX_BYTES + FORM_MAX_BYTES)}: a ward boundary file of up to ${describeBytes(BOUNDARY_FILE_MAX_BYTES)} and the form.`,
    answer: 'page'
  },
  '/settings/indicators': {
    bytes: INDICATOR_FILE_MAX_BYTES + FORM_MAX_BYTES,
    says: `An indicator upload can send at most ${describeBytes(INDICATOR_FILE_MAX_BYTES + FORM_MAX_BYTES)}: a CSV file of up to ${describeBytes(INDICATOR_FILE_MAX_BYTES)} and the form.`,
    answer: 'page'
  }
};

/** The limit of the route a request is for: its own, or small JSON for the API and 1 MB for a page's form. */
export function bodyLimitOf(routeId: string | null, pathname: string): BodyLimit & { answer: Answer } {
  const own = routeId ? LARGE_ROUTES[routeId] : undefined;
  if (own) return own;
  if (pathname.startsWith('/api/')) {
    return { bytes: API_JSON_MAX_BYTES, says: `A request to the API can be at most ${describeBytes(API_JSON_MAX_BYTES)}.`, answer: 'api' };
  }
  return { bytes: FORM_MAX_BYTES, says: `A form can send at most ${describeBytes(FORM_MAX_BYTES)}.`, answer: 'page' };
}

/** The 413 for an over-limit request, as the route's callers read its refusals. */
export function tooLargeResponse(event: Pick<RequestEvent, 'request'>, limit: BodyLimit & { answer: Answer }): Response {
  const message = `${limit.says} Nothing was changed.`;
  const headers = { 'cache-control': 'no-store' };
  if (limit.answer === 'api') return json(apiErrorBody('invalid', message), { status: 413, headers });
  // The boundary import page reads `{ message, problems }` (client/boundary-import.svelte.ts).
  if (limit.answer === 'boundary-import') return json({ message, problems: [] }, { status: 413, headers });
  // A form sent by `use:enhance` reads an ActionResult; a form posted without JavaScript, a page.
  if (acceptsJson(event.request)) return json({ type: 'error', error: { message } }, { status: 413, headers });
  return new Response(message, { status: 413, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

function acceptsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '*/*';
  const json = accept.indexOf('application/json');
  const html = accept.indexOf('text/html');
  return json !== -1 && (html === -1 || json < html);
}

/**
 * The hook: refuses a declared Content-Length over the route's limit before anything reads the
 * body, and gives the route a body that fails as it passes the limit when none was declared.
 */
export const limitRequestBody: Handle = async ({ event, resolve }) => {
  const request = event.request;
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return resolve(event);
  const limit = bodyLimitOf(event.route.id, event.url.pathname);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit.bytes) {
    discard(request.body.getReader());
    return tooLargeResponse(event, limit);
  }
  let passedLimit = false;
  event.request = new Request(request, {
    body: countedBody(request.body, limit.bytes, () => (passedLimit = true)),
    // @ts-expect-error: Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
    duplex: 'half'
  });
  const response = await resolve(event);
  // The route failed reading its input, so changed nothing; its callers get the one refusal.
  return passedLimit ? tooLargeResponse(event, limit) : response;
};

/**
 * `body`, failing with a 413 once more than `limit` bytes have come. Whatever is left when the
 * route stops reading (past the limit, or past a smaller limit of its own) is read and dropped.
 */
export function countedBody(body: ReadableStream<Uint8Array>, limit: number, onPassed: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size <= limit) return controller.enqueue(value);
      onPassed();
      controller.error(httpError(413, `The request body is larger than ${describeBytes(limit)}.`));
      discard(reader);
    },
    // Cancelling adapter-node's body would destroy the connection before the answer is sent.
    cancel: () => discard(reader)
  });
}

/**
 * Reads the rest of a refused body and drops it, so the client is still sending when the answer
 * comes rather than finding the connection reset. adapter-node ends any body at BODY_SIZE_LIMIT.
 */
function discard(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  void (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // Past BODY_SIZE_LIMIT, or the client went away: nothing more to read.
    }
  })();
}

/** SvelteKit's HttpError (an expected error: no 500, no handleError), as a value. */
function httpError(status: number, message: string): unknown {
  try {
    error(status, message);
  } catch (thrown) {
    return thrown;
  }
}
