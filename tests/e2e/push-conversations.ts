import { expect } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../src/lib/domain/conversation';
import type { SeededNetwork, SeededTablet, SeededWorker } from '../support/seed-network';

/**
 * Sends conversations to the server as a seeded tablet's sync would (protocol 2, its device
 * credential): by default Armley's tablet with Amina recording; `by` another tablet and worker.
 * Checks they were acknowledged.
 */
export async function pushConversations(
  serverUrl: string,
  seeded: SeededNetwork,
  conversations: Conversation[],
  by: { tablet: SeededTablet; worker: SeededWorker } = { tablet: seeded.tablet, worker: seeded.workers.amina }
): Promise<void> {
  const push = {
    protocol: 2,
    kind: 'push',
    changes: conversations.map((conversation) => ({
      op: 'create',
      changeId: uuidv7(),
      workerId: by.worker.id,
      conversation: { ...conversation, organisationId: conversation.organisationId ?? by.tablet.organisationId }
    }))
  };
  const response = await fetch(`${serverUrl}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `al_device=${by.tablet.credential}` },
    body: JSON.stringify(push)
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The network's charter themes, by name (with a signed-in page's request). */
export async function themesByName(request: import('@playwright/test').APIRequestContext): Promise<Record<string, string>> {
  const reference = await (await request.get('/api/reference')).json();
  return Object.fromEntries(reference.themes.map((t: { id: string; name: string }) => [t.name, t.id]));
}
