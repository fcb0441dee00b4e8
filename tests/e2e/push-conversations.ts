import { expect, type APIRequestContext } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../src/lib/domain/conversation';

/** Sends conversations to the server as a tablet's sync would, and checks they were acknowledged. */
export async function pushConversations(request: APIRequestContext, conversations: Conversation[]): Promise<void> {
  const push = {
    protocol: 1,
    kind: 'push',
    deviceId: uuidv7(),
    userId: null,
    changes: conversations.map((conversation) => ({ op: 'create', changeId: uuidv7(), conversation }))
  };
  const response = await request.post('/api/sync/push', { data: push });
  expect(response.status()).toBe(200);
}

/** The network's charter themes, by name. */
export async function themesByName(request: APIRequestContext): Promise<Record<string, string>> {
  const reference = await (await request.get('/api/reference')).json();
  return Object.fromEntries(reference.themes.map((t: { id: string; name: string }) => [t.name, t.id]));
}
