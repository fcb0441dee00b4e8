import { PROTOCOL_VERSION, PUSH_MAX_BYTES, PUSH_MAX_CHANGES, PushResult, type PushRequest } from '$lib/domain/protocol';
import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase, OutboxEntry } from '../db/database';
import { dropAcknowledged, setAside } from '../db/outbox';
import { learnServerCodes } from '../db/reference-codes';
import { postJson, RefusedBatchError, RejectedChangesError } from './http';

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
 * acknowledged as committed (SYNC-SPEC S2, S3). A refusal of a change, not of the tablet, never
 * stops the push (S9): changes the server names are set aside with its reason, for the worker to
 * fix; a refusal naming none, or a batch too large (413), splits the batch in halves until the
 * change at fault is alone, and that one is set aside with the server's message. Throws a
 * SyncError saying why when it stops early; what is not acknowledged stays in the outbox.
 */
export async function pushOutbox(options: PushOptions): Promise<{ pushed: number; setAside: number }> {
  const { db, maxBatchChanges = PUSH_MAX_CHANGES } = options;
  const total = await db.outbox.count();
  const run: PushRun = { options, total, pushed: 0, setAside: 0, maxBytes: options.maxBatchBytes ?? PUSH_MAX_BYTES / 2 };
  options.onProgress?.({ pushed: 0, total });
  for (;;) {
    const batch = takeBatch(await db.outbox.limit(Math.min(maxBatchChanges, PUSH_MAX_CHANGES)).toArray(), run.maxBytes);
    if (batch.length === 0) return { pushed: run.pushed, setAside: run.setAside };
    await deliver(run, batch);
  }
}

/** One push's running totals, and the byte budget it learnt from a 413. */
interface PushRun {
  options: PushOptions;
  total: number;
  pushed: number;
  setAside: number;
  maxBytes: number;
}

/** Sends a batch; what the server refuses is set aside, splitting the batch to find it. */
async function deliver(run: PushRun, batch: Packed[]): Promise<void> {
  const { db } = run.options;
  let acknowledged: string[];
  let referenceCodes: Record<string, string>;
  try {
    ({ acknowledged, referenceCodes } = await sendBatch(run.options, batch));
  } catch (error) {
    if (error instanceof RejectedChangesError) {
      const named = error.rejected.filter((r) => batch.some((entry) => entry.changeId === r.changeId));
      if (named.length > 0) {
        await setAside(db, named);
        run.setAside += named.length;
        return; // the rest are sent again from the outbox
      }
    } else if (!(error instanceof RefusedBatchError)) {
      throw error; // the network, the server, or the tablet itself: nothing here is at fault
    }
    if (batch.length === 1) {
      const tooLarge = error instanceof RefusedBatchError && error.status === 413;
      const message = tooLarge ? `This change is larger than the server accepts. The server said: ${error.message}` : error.message;
      await setAside(db, [{ changeId: batch[0].changeId, message }]);
      run.setAside += 1;
      return;
    }
    // A batch too large: the rest of this push is sent in batches no larger than half of it.
    if (error instanceof RefusedBatchError && error.status === 413) run.maxBytes = Math.min(run.maxBytes, Math.ceil(bytesOf(batch) / 2));
    const half = Math.ceil(batch.length / 2);
    await deliver(run, batch.slice(0, half));
    await deliver(run, batch.slice(half));
    return;
  }
  const acked = new Set(acknowledged);
  const dropped: OutboxEntry[] = batch.filter((entry) => acked.has(entry.changeId)).map(({ json: _, bytes: __, ...entry }) => entry);
  if (dropped.length === 0) throw new SyncError('server', 'The server acknowledged none of the changes sent.');
  // Before the outbox entries go: should this stop here, the create is sent again and the code given again.
  await learnServerCodes(db, referenceCodes);
  await dropAcknowledged(db, dropped);
  run.pushed += dropped.length;
  run.options.onProgress?.({ pushed: run.pushed, total: Math.max(run.total, run.pushed + run.setAside) });
}

/** An outbox entry with its change as JSON, written once for both measuring and sending, and its size in UTF-8. */
type Packed = OutboxEntry & { json: string; bytes: number };

const bytesOf = (batch: Packed[]) => batch.reduce((sum, entry) => sum + entry.bytes, 0);

/** The longest run of entries whose JSON stays within the byte budget (always at least one). */
function takeBatch(entries: OutboxEntry[], maxBytes: number): Packed[] {
  let bytes = 0;
  const batch: Packed[] = [];
  for (const entry of entries) {
    const json = JSON.stringify(entry.change);
    // The server counts UTF-8 bytes: Bengali or Punjabi text takes up to three per character.
    const size = utf8Length(json);
    bytes += size;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push({ ...entry, json, bytes: size });
  }
  return batch;
}

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).byteLength;

async function sendBatch(options: PushOptions, batch: Packed[]): Promise<{ acknowledged: string[]; referenceCodes: Record<string, string> }> {
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
  return { acknowledged: result.data.acknowledged, referenceCodes: result.data.referenceCodes ?? {} };
}
