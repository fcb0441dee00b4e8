import { PROTOCOL_VERSION, PUSH_MAX_BYTES, PUSH_MAX_CHANGES, PushResult, type PushRequest } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, OutboxEntry } from '../db/database';
import { dropAcknowledged, setAside } from '../db/outbox';
import { postJson, RejectedChangesError } from './http';

export interface PushOptions {
  db: DeviceDatabase;
  fetch: typeof globalThis.fetch;
  /** Sent with every request: the app's version, which the server shows on Settings › Tablets. */
  headers?: Record<string, string>;
  now?: () => number;
  timeoutMs?: number;
  maxBatchChanges?: number;
  maxBatchBytes?: number;
  onProgress?: (progress: { pushed: number; total: number }) => void;
}

/**
 * Pushes the outbox in batches, oldest first, and drops from it exactly the changes the server
 * acknowledged as committed (SYNC-SPEC S2, S3). Changes the server refuses as invalid are set
 * aside with its reason, for the worker to fix, and the rest go on. Throws a SyncError saying
 * why when it stops early; what is not acknowledged stays in the outbox.
 */
export async function pushOutbox(options: PushOptions): Promise<{ pushed: number; setAside: number }> {
  const { db, maxBatchChanges = PUSH_MAX_CHANGES, maxBatchBytes = PUSH_MAX_BYTES / 2 } = options;
  const total = await db.outbox.count();
  let pushed = 0;
  let setAsideCount = 0;
  options.onProgress?.({ pushed, total });
  for (;;) {
    const batch = takeBatch(await db.outbox.limit(Math.min(maxBatchChanges, PUSH_MAX_CHANGES)).toArray(), maxBatchBytes);
    if (batch.length === 0) return { pushed, setAside: setAsideCount };
    let acknowledged: string[];
    try {
      acknowledged = await sendBatch(options, batch);
    } catch (error) {
      if (!(error instanceof RejectedChangesError)) throw error;
      const inBatch = error.rejected.filter((r) => batch.some((entry) => entry.changeId === r.changeId));
      if (inBatch.length === 0) throw new SyncError('invalid', error.message);
      await setAside(db, inBatch);
      setAsideCount += inBatch.length;
      continue;
    }
    const acked = new Set(acknowledged);
    const dropped: OutboxEntry[] = batch.filter((entry) => acked.has(entry.changeId)).map(({ json: _, ...entry }) => entry);
    if (dropped.length === 0) throw new SyncError('server', 'The server acknowledged none of the changes sent.');
    await dropAcknowledged(db, dropped);
    pushed += dropped.length;
    options.onProgress?.({ pushed, total: Math.max(total, pushed) });
  }
}

/** An outbox entry with its change as JSON, written once for both measuring and sending. */
type Packed = OutboxEntry & { json: string };

/** The longest run of entries whose JSON stays within the byte budget (always at least one). */
function takeBatch(entries: OutboxEntry[], maxBytes: number): Packed[] {
  let bytes = 0;
  const batch: Packed[] = [];
  for (const entry of entries) {
    const json = JSON.stringify(entry.change);
    // The server counts UTF-8 bytes: Bengali or Punjabi text takes up to three per character.
    bytes += utf8Length(json);
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push({ ...entry, json });
  }
  return batch;
}

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).byteLength;

async function sendBatch(options: PushOptions, batch: Packed[]): Promise<string[]> {
  const envelope: Omit<PushRequest, 'changes'> = { protocol: PROTOCOL_VERSION, kind: 'push' };
  // The changes are already JSON: splice them in rather than encode 500 conversations twice.
  const request = `${JSON.stringify(envelope).slice(0, -1)},"changes":[${batch.map((entry) => entry.json).join(',')}]}`;
  const body = await postJson(options.fetch, '/api/sync/push', request, {
    timeoutMs: options.timeoutMs ?? 30_000,
    now: options.now ?? Date.now,
    headers: options.headers
  });
  const result = PushResult.safeParse(body);
  if (!result.success) throw new SyncError('server', 'The server sent an answer this app cannot read.');
  return result.data.acknowledged;
}
