import { PROTOCOL_VERSION, PUSH_MAX_BYTES, PUSH_MAX_CHANGES, PushResult, type PushRequest } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, OutboxEntry } from '../db/database';
import { dropAcknowledged, setAside } from '../db/outbox';
import { postJson, RejectedChangesError } from './http';

export interface PushOptions {
  db: DeviceDatabase;
  fetch: typeof globalThis.fetch;
  deviceId: string;
  userId?: string | null;
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
    const inBatch = new Set(batch.map((entry) => entry.changeId));
    const dropped = acknowledged.filter((id) => inBatch.has(id));
    if (dropped.length === 0) throw new SyncError('server', 'The server acknowledged none of the changes sent.');
    await dropAcknowledged(db, dropped);
    pushed += dropped.length;
    options.onProgress?.({ pushed, total: Math.max(total, pushed) });
  }
}

/** The longest run of entries whose JSON stays within the byte budget (always at least one). */
function takeBatch(entries: OutboxEntry[], maxBytes: number): OutboxEntry[] {
  let bytes = 0;
  const batch: OutboxEntry[] = [];
  for (const entry of entries) {
    bytes += JSON.stringify(entry.change).length;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(entry);
  }
  return batch;
}

async function sendBatch(options: PushOptions, batch: OutboxEntry[]): Promise<string[]> {
  const request: PushRequest = {
    protocol: PROTOCOL_VERSION,
    kind: 'push',
    deviceId: options.deviceId,
    userId: options.userId ?? null,
    changes: batch.map((entry) => entry.change)
  };
  const body = await postJson(options.fetch, '/api/sync/push', request, {
    timeoutMs: options.timeoutMs ?? 30_000,
    now: options.now ?? Date.now
  });
  const result = PushResult.safeParse(body);
  if (!result.success) throw new SyncError('server', 'The server sent an answer this app cannot read.');
  return result.data.acknowledged;
}
