import * as z from 'zod/mini';
import { Cursor, PROTOCOL_VERSION, PulledConversation, type PullRequest } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, StoredConversation, UnreadableRecord } from '../db/database';
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
 * A pull's page as far as the device must read it whole: the conversations are read one by one
 * (`readPage`), so one it cannot read never stops the pull (SYNC-SPEC S9).
 */
const PullEnvelope = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  kind: z.literal('pull-result'),
  conversations: z.array(z.unknown()),
  cursor: Cursor,
  more: z.boolean()
});

/** What the parts of a conversation are called in the reason a worker or coordinator reads. */
const FIELD_NAMES: Record<string, string> = {
  id: 'its id',
  revision: 'its revision',
  deleted: 'whether it was deleted',
  conversation: 'the conversation',
  recordedAt: 'the date and time it was recorded',
  wardCode: 'its ward',
  eventId: 'its listening event',
  organisationId: 'its organisation',
  answers: 'an answer',
  quotes: 'a quote',
  themeIds: 'its themes',
  peopleCount: 'the number of people',
  equality: 'the equality answers',
  followUp: 'the follow-up',
  consentToRecord: 'the consent to record'
};

/** Why a record could not be read, in plain words, naming the parts at fault (never their values). */
export function describeUnreadable(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const parts = new Set<string>();
  for (const issue of issues) {
    const field = [...issue.path].reverse().find((key) => typeof key === 'string' && key in FIELD_NAMES && key !== 'conversation');
    const name = FIELD_NAMES[String(field ?? issue.path[0] ?? 'conversation')] ?? 'a part of it';
    // zod/mini writes only the messages the schemas give: "Invalid input" is its word for the rest.
    parts.add(issue.message && issue.message !== 'Invalid input' ? `${name} (${issue.message})` : name);
  }
  const named = [...parts].slice(0, 4);
  return `The server sent ${named.join(', ')}${parts.size > 4 ? ' and more' : ''} in a form this app cannot read.`;
}

/** Each conversation of a page read on its own: those this app can read, and those it sets aside. */
export function readPage(items: unknown[], workerId: string, at: string, cursor: string): { readable: PulledConversation[]; unreadable: UnreadableRecord[] } {
  const readable: PulledConversation[] = [];
  const unreadable: UnreadableRecord[] = [];
  items.forEach((item, i) => {
    const parsed = PulledConversation.safeParse(item);
    if (parsed.success) {
      readable.push(parsed.data);
      return;
    }
    const id = (item as { id?: unknown } | null)?.id;
    unreadable.push({
      id: typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : `unknown-${cursor}-${i}`,
      workerId,
      reason: describeUnreadable(parsed.error.issues),
      receivedAt: at,
      record: (JSON.stringify(item) ?? String(item)).slice(0, 20_000)
    });
  });
  return { readable, unreadable };
}

/**
 * Pulls every conversation of the worker changed on the server since this device's cursor for
 * them, page by page (SYNC-SPEC S4). Each page and the cursor after it are stored in one
 * transaction, so an interrupted pull resumes where it stopped and never stores half a page. A
 * conversation this app cannot read is set aside with the reason, and the cursor moves past it (S9).
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
    const page = PullEnvelope.safeParse(body);
    if (!page.success) throw new SyncError('server', 'The server sent an answer this app cannot read.');
    const { readable, unreadable } = readPage(page.data.conversations, options.workerId, new Date(options.now?.() ?? Date.now()).toISOString(), page.data.cursor);
    await storePage(db, readable, unreadable, { key: cursorKey, value: page.data.cursor }, options.workerId, fresh);
    pulled += readable.length;
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
  unreadable: UnreadableRecord[],
  cursor: { key: `pullCursor:${string}`; value: string },
  workerId: string,
  fresh: boolean
) {
  await db.transaction('rw', [db.conversations, db.outbox, db.settings, db.unreadable], async () => {
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
    // A record read now replaces the unreadable copy an earlier pull set aside; the device's own copy stays as it was.
    if (unreadable.length > 0 || (await db.unreadable.count()) > 0) await db.unreadable.bulkDelete(ids);
    await db.unreadable.bulkPut(unreadable);
    await db.settings.put(cursor);
  });
}
