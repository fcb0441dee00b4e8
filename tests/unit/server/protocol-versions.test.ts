import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { readProtocolMessage } from '../../../src/lib/server/sync/protocol-message';
import { createOf, makeConversation } from '../../support/conversations';

const post = (body: unknown) => new Request('http://server.test/', { method: 'POST', body: JSON.stringify(body) });

/** The push and pull endpoints read every message with readProtocolMessage before anything else (even who is calling). */
describe('S7 old clients are told', () => {
  it('refuses a push of any other protocol version whole, with the one "update the app" answer', async () => {
    const conversation = makeConversation({ wardCode: 'E05011385' });
    for (const protocol of [0, 1, 3, 99]) {
      // Version 1 is the app before accounts: a device id, a user id, changes without workers.
      const message = await readProtocolMessage(
        post({ protocol, kind: 'push', deviceId: uuidv7(), userId: null, changes: [createOf(conversation, uuidv7())] }),
        'push',
        2_000_000
      );
      expect(message).toEqual({
        refusal: { status: 426, body: { error: { reason: 'outdated-client', message: expect.stringContaining('This app is out of date') } } }
      });
    }
  });

  it('answers a pull of another version, or a message of an unknown kind, the same way', async () => {
    for (const body of [
      { protocol: 1, kind: 'pull', deviceId: uuidv7(), cursor: '0' },
      { protocol: 2, kind: 'pull-everything', workerId: uuidv7(), cursor: '0' }
    ]) {
      const message = await readProtocolMessage(post(body), 'pull', 10_000);
      expect(message).toMatchObject({ refusal: { status: 426, body: { error: { reason: 'outdated-client' } } } });
    }
  });

  it('reads a message of this version and kind', async () => {
    const body = { protocol: 2, kind: 'pull', workerId: uuidv7(), cursor: '0' };
    expect(await readProtocolMessage(post(body), 'pull', 10_000)).toEqual({ json: body });
  });
});
