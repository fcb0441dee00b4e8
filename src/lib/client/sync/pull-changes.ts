import { PROTOCOL_VERSION, PullResult, type PulledConversation, type PullRequest } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, StoredConversation } from '../db/database';
import { postJson } from './http';

export interface PullOptions {
  db: DeviceDatabase;
  fetch: typeof globalThis.fetch;
  deviceId: string;
  now?: () => number;
  timeoutMs?: number;
  pageSize?: number;
  onProgress?: (progress: { pulled: number }) => void;
}

/**
 * Pulls every conversation changed on the server since this device's cursor, page by page
 * (SYNC-SPEC S4). Each page and the cursor after it are stored in one transaction, so an
 * interrupted pull resumes where it stopped and never stores half a page.
 */
export async function pullChanges(options: PullOptions): Promise<{ pulled: number }> {
  const { db } = options;
  let pulled = 0;
  for (;;) {
    const cursor = (await db.settings.get('pullCursor'))?.value ?? '0';
    const request: PullRequest = { protocol: PROTOCOL_VERSION, kind: 'pull', deviceId: options.deviceId, cursor, limit: options.pageSize ?? 500 };
    const body = await postJson(options.fetch, '/api/sync/pull', request, { timeoutMs: options.timeoutMs ?? 30_000, now: options.now ?? Date.now });
    const page = PullResult.safeParse(body);
    if (!page.success) throw new SyncError('server', 'The server sent an answer this app cannot read.');
    await storePage(db, page.data.conversations, page.data.cursor);
    pulled += page.data.conversations.length;
    options.onProgress?.({ pulled });
    if (!page.data.more) return { pulled };
  }
}

async function storePage(db: DeviceDatabase, conversations: PulledConversation[], cursor: string) {
  await db.transaction('rw', [db.conversations, db.outbox, db.settings], async () => {
    for (const pulled of conversations) await storePulled(db, pulled);
    await db.settings.put({ key: 'pullCursor', value: cursor });
  });
}

/**
 * The server's copy replaces this device's, with the device's own changes not yet acknowledged
 * laid on top again, so a worker never sees an edit of theirs disappear (S5). A deletion sticks (S6).
 */
async function storePulled(db: DeviceDatabase, pulled: PulledConversation) {
  const waiting = await db.outbox.where('conversationId').equals(pulled.id).sortBy('changeId');
  if (pulled.deleted || !pulled.conversation || waiting.some((entry) => entry.change.op === 'delete')) {
    await db.conversations.delete(pulled.id);
    return;
  }
  const existing = await db.conversations.get(pulled.id);
  let local: StoredConversation = { ...pulled.conversation, revision: pulled.revision, savedAt: existing?.savedAt ?? new Date().toISOString() };
  for (const { change } of waiting) {
    if (change.op === 'update') local = { ...local, ...change.fields };
  }
  await db.conversations.put(local);
}
