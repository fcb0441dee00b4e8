import {
  PROTOCOL_VERSION,
  PUSH_MAX_BYTES,
  PUSH_MAX_CHANGES,
  ProtocolErrorBody,
  PushResult,
  type PushRequest
} from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, OutboxEntry } from '../db/database';
import { dropAcknowledged } from '../db/outbox';

export interface PushOptions {
  db: DeviceDatabase;
  fetch: typeof globalThis.fetch;
  deviceId: string;
  userId?: string | null;
  endpoint?: string;
  maxBatchChanges?: number;
  maxBatchBytes?: number;
  onProgress?: (progress: { pushed: number; total: number }) => void;
}

/**
 * Pushes the outbox in batches, oldest first, and drops from it exactly the changes the server
 * acknowledged as committed (SYNC-SPEC S2, S3). Throws a SyncError saying why when it stops early.
 */
export async function pushOutbox(options: PushOptions): Promise<{ pushed: number }> {
  const { db, maxBatchChanges = 200, maxBatchBytes = PUSH_MAX_BYTES / 2 } = options;
  const total = await db.outbox.count();
  let pushed = 0;
  options.onProgress?.({ pushed, total });
  for (;;) {
    const batch = takeBatch(await db.outbox.limit(Math.min(maxBatchChanges, PUSH_MAX_CHANGES)).toArray(), maxBatchBytes);
    if (batch.length === 0) return { pushed };
    const acknowledged = await sendBatch(options, batch);
    const inBatch = new Set(batch.map((entry) => entry.changeId));
    const dropped = acknowledged.filter((id) => inBatch.has(id));
    if (dropped.length === 0) {
      throw new SyncError('server', 'The server acknowledged none of the changes sent.');
    }
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
  let response: Response;
  try {
    response = await options.fetch(options.endpoint ?? '/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request)
    });
  } catch {
    throw new SyncError('network');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const result = PushResult.safeParse(body);
    if (!result.success) throw new SyncError('server', 'The server sent an answer this app cannot read.');
    return result.data.acknowledged;
  }
  const refusal = ProtocolErrorBody.safeParse(body);
  if (refusal.success) throw new SyncError(refusal.data.error.reason, refusal.data.error.message);
  throw new SyncError('server', `The server answered ${response.status} ${response.statusText}.`);
}
