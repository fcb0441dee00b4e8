import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { PUSH_MAX_BYTES } from '../../../src/lib/domain/protocol';
import { API_JSON_MAX_BYTES, BODY_SIZE_CEILING, BOUNDARY_FILE_MAX_BYTES, FORM_MAX_BYTES, INDICATOR_FILE_MAX_BYTES, PULL_MAX_BYTES } from '../../../src/lib/server/body-limits.js';
import { bodyLimitOf, limitRequestBody } from '../../../src/lib/server/request-body-limit';

// The hook that holds each route to its body limit, driven as SvelteKit drives it: an event and a
// `resolve` standing in for the route, which reads the body as routes do.

/** A body of `size` bytes, in 64 KB chunks, with or without a Content-Length (chunked). */
function requestTo(path: string, size: number, { declared = true, headers = {} as Record<string, string> } = {}) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(65_536, size - sent)).fill(0x61);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    }
  });
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(declared ? { 'content-length': String(size) } : {}), ...headers },
    // @ts-expect-error: Node's fetch needs `duplex` for a streamed body.
    duplex: 'half'
  });
}

/** Runs the hook for a request to `routeId`; the route reads the whole body, then answers 200. */
async function handled(routeId: string, request: Request) {
  let routeRan = false;
  let routeRead: number | null = null;
  const event = { request, route: { id: routeId }, url: new URL(request.url) } as unknown as RequestEvent;
  const response = await limitRequestBody({
    event,
    resolve: async (e: RequestEvent, _?: ResolveOptions) => {
      routeRan = true;
      try {
        routeRead = (await e.request.arrayBuffer()).byteLength;
        return new Response('stored', { status: 200 });
      } catch (error) {
        // As SvelteKit answers a route that threw an HttpError.
        const status = (error as { status?: number }).status ?? 500;
        return new Response(JSON.stringify({ message: 'route failed' }), { status });
      }
    }
  });
  return { response, routeRan, routeRead: routeRead as number | null };
}

describe('body limits per route', () => {
  it('has each route’s limit in one place, the largest being the ceiling (BODY_SIZE_LIMIT)', () => {
    expect(bodyLimitOf('/api/boundaries', '/api/boundaries').bytes).toBe(BOUNDARY_FILE_MAX_BYTES);
    expect(bodyLimitOf('/api/sync/push', '/api/sync/push').bytes).toBe(PUSH_MAX_BYTES);
    expect(bodyLimitOf('/api/sync/pull', '/api/sync/pull').bytes).toBe(PULL_MAX_BYTES);
    expect(bodyLimitOf('/api/enrol', '/api/enrol').bytes).toBe(API_JSON_MAX_BYTES);
    expect(bodyLimitOf('/setup', '/setup').bytes).toBe(BOUNDARY_FILE_MAX_BYTES + FORM_MAX_BYTES);
    expect(bodyLimitOf('/settings/indicators', '/settings/indicators').bytes).toBe(INDICATOR_FILE_MAX_BYTES + FORM_MAX_BYTES);
    expect(bodyLimitOf('/sign-in', '/sign-in').bytes).toBe(FORM_MAX_BYTES);
    expect(bodyLimitOf(null, '/api/nothing-here').bytes).toBe(API_JSON_MAX_BYTES);
    const all = ['/api/boundaries', '/api/sync/push', '/setup', '/settings/indicators', '/sign-in'].map((id) => bodyLimitOf(id, id).bytes);
    expect(Math.max(...all)).toBe(BODY_SIZE_CEILING);
  });

  for (const declared of [true, false]) {
    const how = declared ? 'with a Content-Length' : 'chunked, without one';
    it(`refuses an API body over its route's limit ${how} with a 413 naming the limit, and the route stores nothing`, async () => {
      const { response, routeRead } = await handled('/api/sync/push', requestTo('/api/sync/push', PUSH_MAX_BYTES + 1, { declared }));
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        error: { reason: 'invalid', message: 'The push is larger than 2000000 bytes; send fewer conversations at once. Nothing was changed.' }
      });
      expect(routeRead).toBeNull();
    });

    it(`answers the boundary import page in its own shape ${how}`, async () => {
      const { response } = await handled('/api/boundaries', requestTo('/api/boundaries', BOUNDARY_FILE_MAX_BYTES + 1, { declared }));
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ message: 'A ward boundary file can be at most 20 MB; this one is larger. Nothing was changed.', problems: [] });
    });

    it(`answers a form sent by use:enhance with an ActionResult, and one without JavaScript with a plain page, ${how}`, async () => {
      const enhanced = await handled('/sign-in', requestTo('/sign-in', FORM_MAX_BYTES + 1, { declared, headers: { accept: 'application/json' } }));
      expect(enhanced.response.status).toBe(413);
      expect(await enhanced.response.json()).toEqual({ type: 'error', error: { message: 'A form can send at most 1 MB. Nothing was changed.' } });
      const plain = await handled('/sign-in', requestTo('/sign-in', FORM_MAX_BYTES + 1, { declared, headers: { accept: 'text/html' } }));
      expect(plain.response.status).toBe(413);
      expect(plain.response.headers.get('content-type')).toContain('text/plain');
      expect(await plain.response.text()).toBe('A form can send at most 1 MB. Nothing was changed.');
    });

    it(`lets a body of exactly the limit through to the route ${how}`, async () => {
      const { response, routeRead } = await handled('/settings/indicators', requestTo('/settings/indicators', INDICATOR_FILE_MAX_BYTES + FORM_MAX_BYTES, { declared }));
      expect(response.status).toBe(200);
      expect(routeRead).toBe(INDICATOR_FILE_MAX_BYTES + FORM_MAX_BYTES);
    });
  }

  it('refuses a declared Content-Length before the route runs at all', async () => {
    const { response, routeRan } = await handled('/api/enrol', requestTo('/api/enrol', API_JSON_MAX_BYTES + 1));
    expect(response.status).toBe(413);
    expect(routeRan).toBe(false);
  });
});
