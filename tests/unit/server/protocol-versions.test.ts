import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { openStore, type Store } from '../../../src/lib/server/store';
import { handlePull } from '../../../src/lib/server/sync/pull-handler';
import { handlePush } from '../../../src/lib/server/sync/push-handler';
import { createOf, makeConversation } from '../../support/conversations';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

let store: Store;
beforeAll(async () => {
  store = await openStore({});
  await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
});
afterAll(() => store.close());

const post = (body: unknown) => new Request('http://server.test/', { method: 'POST', body: JSON.stringify(body) });

describe('S7 old clients are told', () => {
  it('refuses a push of an unknown protocol version whole, with the one "update the app" answer', async () => {
    const conversation = makeConversation({ wardCode: 'E05011385' });
    for (const protocol of [0, 2, 99]) {
      const reply = await handlePush(store, post({ protocol, kind: 'push', deviceId: uuidv7(), userId: null, changes: [createOf(conversation)] }));
      expect(reply.status).toBe(426);
      expect(reply.body).toEqual({ error: { reason: 'outdated-client', message: expect.stringContaining('This app is out of date') } });
    }
    expect(await store.conversationsByIds([conversation.id])).toEqual([]);
  });

  it('answers a pull of an unknown version, or a message of an unknown kind, the same way', async () => {
    for (const message of [
      { protocol: 2, kind: 'pull', deviceId: uuidv7(), cursor: '0' },
      { protocol: 1, kind: 'pull-everything', deviceId: uuidv7(), cursor: '0' }
    ]) {
      const reply = await handlePull(store, post(message));
      expect(reply.status).toBe(426);
      expect(reply.body).toMatchObject({ error: { reason: 'outdated-client' } });
    }
  });
});
