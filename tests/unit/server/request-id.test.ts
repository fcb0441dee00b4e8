import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolErrorBody } from '../../../src/lib/domain/protocol';
import { finishRequest, handleServerError, REQUEST_ID_HEADER, startRequest } from '../../../src/lib/server/request-id';

/** A request as the hook sees it: only what these functions read. */
const eventFor = (path: string) =>
  ({ url: new URL(path, 'http://localhost'), request: new Request(new URL(path, 'http://localhost')), locals: {} }) as unknown as RequestEvent;

describe('a 500 is a bug, logged under an id the answer carries (issue 11)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs an unexpected error with the request id and gives the page { message, requestId }', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = eventFor('/settings');
    startRequest(event);
    const failure = new Error('database went away');
    const body = await handleServerError({ error: failure, event, status: 500, message: 'Internal Error' });
    const requestId = event.locals.requestId!;
    expect(body).toEqual({ message: expect.stringContaining('give your coordinator this reference'), requestId });
    expect(log).toHaveBeenCalledWith(expect.stringContaining(requestId), failure);
  });

  it('does not log a page that is not there', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = eventFor('/nowhere');
    startRequest(event);
    expect(await handleServerError({ error: new Error('Not found'), event, status: 404, message: 'Not Found' })).toMatchObject({ message: 'Not Found' });
    expect(log).not.toHaveBeenCalled();
  });

  it('answers an API failure in the API’s error shape, with error.requestId and x-request-id', async () => {
    const event = eventFor('/api/sync/push');
    startRequest(event);
    const answer = finishRequest(event, Response.json({ message: 'Internal Error' }, { status: 500 }));
    expect(answer.status).toBe(500);
    expect(answer.headers.get(REQUEST_ID_HEADER)).toBe(event.locals.requestId);
    const body = ProtocolErrorBody.parse(await answer.json());
    expect(body.error).toMatchObject({ reason: 'server', requestId: event.locals.requestId });
  });

  it('names the request on every other answer and leaves it as it was', async () => {
    const event = eventFor('/api/sync/pull');
    startRequest(event);
    const answer = finishRequest(event, Response.json({ ok: true }, { status: 422 }));
    expect(answer.status).toBe(422);
    expect(answer.headers.get(REQUEST_ID_HEADER)).toBe(event.locals.requestId);
    expect(await answer.json()).toEqual({ ok: true });
  });
});
