import { PROTOCOL_VERSION, PullResult, type PulledConversation, type PullRequest } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, StoredConversation } from '../db/database';
import { groupBy } from '../db/outbox';
import { postJson } from './http';

export interface PullOptions {
  db: DeviceDatabase;
  fetch: typeof globalThis.fetch;
  /** The worker using the tablet: only their conversations come back. */
  workerId: string;
  headers?: Record<string, string>;
  now?: () => number;
  timeoutMs?: number;
  pageSize?: number;
  onProgress?: (progress: { pulled: number }) => void;
}

/**
 * Pulls every conversation of the worker changed on the server since this device's cursor for
 * them, page by page (SYNC-SPEC S4). Each page and the cursor after it are stored in one
 * transaction, so an interrupted pull resumes where it stopped and never stores half a page.
 */
export async function pullChanges(options: PullOptions): Promise<{ pulled: number }> {
  const { db } = options;
  let pulled = 0;
  // A new tablet's first pull has no copies of its own to keep: it need not look for any.
  const fresh = (await db.conversations.where('workerId').equals(options.workerId).count()) === 0;
  const cursorKey = `pullCursor:${options.workerId}` as const;
  for (;;) {
    const cursor = (await db.settings.get(cursorKey))?.value ?? '0';
    const request: PullRequest = { protocol: PROTOCOL_VERSION, kind: 'pull', workerId: options.workerId, cursor, limit: options.pageSize ?? 500 };
    const body = await postJson(options.fetch, '/api/sync/pull', request, {
      timeoutMs: options.timeoutMs ?? 30_000,
      now: options.now ?? Date.now,
      headers: options.headers
    });
    const page = PullResult.safeParse(body);
    if (!page.success) throw new SyncError('server', 'The server sent an answer this app cannot read.');
    await storePage(db, page.data.conversations, { key: cursorKey, value: page.data.cursor }, options.workerId, fresh);
    pulled += page.data.conversations.length;
    options.onProgress?.({ pulled });
    if (!page.data.more) return { pulled };
  }
}

/**
 * Stores a page and the cursor after it in one transaction, with bulk reads and writes. The
 * server's copy replaces this device's, with the device's own changes not yet acknowledged laid
 * on top again, so a worker never sees an edit of theirs disappear (S5). A deletion sticks (S6).
 */
async function storePage(
  db: DeviceDatabase,
  pulled: PulledConversation[],
  cursor: { key: `pullCursor:${string}`; value: string },
  workerId: string,
  fresh: boolean
) {
  await db.transaction('rw', [db.conversations, db.outbox, db.settings], async () => {
    const ids = pulled.map((p) => p.id);
    // Each lookup is a request per id, so skip what cannot be there.
    const [existing, waiting] = await Promise.all([
      fresh ? [] : db.conversations.bulkGet(ids),
      (await db.outbox.count()) === 0 ? [] : db.outbox.where('conversationId').anyOf(ids).sortBy('changeId')
    ]);
    const waitingFor = groupBy(waiting, (entry) => entry.conversationId);
    const savedAt = new Date().toISOString();
    const removed: string[] = [];
    const kept: StoredConversation[] = [];
    pulled.forEach((p, i) => {
      const mine = waitingFor.get(p.id) ?? [];
      if (p.deleted || !p.conversation || mine.some((entry) => entry.change.op === 'delete')) {
        removed.push(p.id);
        return;
      }
      let local: StoredConversation = { ...p.conversation, revision: p.revision, savedAt: existing[i]?.savedAt ?? savedAt, workerId };
      for (const { change } of mine) if (change.op === 'update') local = { ...local, ...change.fields };
      kept.push(local);
    });
    await db.conversations.bulkDelete(removed);
    await db.conversations.bulkPut(kept);
    await db.settings.put(cursor);
  });
}
