import type { BrowserContext } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../src/lib/domain/conversation';
import type { Store } from '../../src/lib/server/store';
import { withServerStore } from '../support/server-database';
import type { AppServer } from '../support/app-server';
import { sessionCookie, type SeededNetwork, type SeededPerson, type SeededTablet } from '../support/seed-network';

/**
 * The Leeds network the fixture seeded (`seedNetwork`: a tablet each for Armley and Chapeltown),
 * and whatever `more` adds while the store is open. PGlite allows one process per data
 * directory, so the server is stopped meanwhile.
 */
export async function seedForManagers<T = void>(
  server: AppServer,
  more?: (store: Store, seeded: SeededNetwork) => Promise<T>
): Promise<SeededNetwork & { more: T }> {
  // The fixture seeded the network before the server started; only what a test adds needs a restart.
  const seeded = server.seeded;
  if (!seeded) throw new Error('These tests need the seeded network (seedOptions)');
  const added = more ? await withServerStore(server, (store) => more(store, seeded)) : undefined;
  return { ...seeded, more: added as T };
}

/** Conversations recorded by a worker on one of their organisation's tablets. */
export function recordConversations(store: Store, networkId: string, tablet: SeededTablet, workerId: string, conversations: Conversation[]) {
  return store.applyChanges({
    networkId,
    deviceId: tablet.id,
    organisationId: tablet.organisationId,
    changes: conversations.map((conversation) => ({
      op: 'create' as const,
      changeId: uuidv7(),
      workerId,
      conversation: { ...conversation, organisationId: tablet.organisationId }
    }))
  });
}

/** This browser as a signed-in person. */
export async function signInAs(context: BrowserContext, person: SeededPerson, url: string) {
  await context.clearCookies();
  await context.addCookies([sessionCookie(person, url)]);
}
