import { liveQuery } from 'dexie';
import type { Conversation } from '$lib/domain/conversation';
import { SyncError, syncErrorMessage } from '$lib/domain/sync-error';
import { saveConversation } from './db/conversations';
import { DeviceDatabase } from './db/database';
import { getDeviceId, getLastSyncedAt, setLastSyncedAt } from './db/device-settings';
import { cachedReferenceData, refreshReferenceData, type ReferenceState } from './reference-data';
import { pushOutbox } from './sync/push-outbox';

/** Why a save failed, in words a community worker can act on. */
export class SaveError extends Error {}

function isQuotaError(error: unknown): boolean {
  const named = error as { name?: string; inner?: { name?: string } };
  return named?.name === 'QuotaExceededError' || named?.inner?.name === 'QuotaExceededError';
}

/**
 * What the capture side of the app knows and does: reference data, saving, the outbox and sync.
 * Components read its state; only it talks to IndexedDB and the server.
 */
export class FieldApp {
  reference = $state<ReferenceState>({ status: 'loading' });
  waiting = $state(0);
  syncing = $state(false);
  progress = $state<{ pushed: number; total: number } | null>(null);
  lastSyncedAt = $state<string | null>(null);
  syncProblem = $state<string | null>(null);

  #db: DeviceDatabase;
  #fetch: typeof fetch;
  #started = false;

  constructor(db = new DeviceDatabase(), fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.#db = db;
    this.#fetch = fetchFn;
  }

  /** Loads what is on the device, then refreshes from the server and syncs (on app start). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    liveQuery(() => this.#db.outbox.count()).subscribe((count) => (this.waiting = count));
    this.lastSyncedAt = await getLastSyncedAt(this.#db);
    this.reference = await cachedReferenceData(this.#db);
    window.addEventListener('online', () => void this.syncNow());
    await this.refreshReference();
    await this.syncNow();
  }

  async refreshReference(): Promise<void> {
    this.reference = await refreshReferenceData(this.#db, this.#fetch);
  }

  async save(conversation: Conversation): Promise<void> {
    try {
      await saveConversation(this.#db, conversation);
    } catch (error) {
      if (isQuotaError(error)) throw new SaveError(syncErrorMessage('quota'));
      throw new SaveError(`The conversation could not be saved on this device: ${(error as Error).message}`);
    }
    if (navigator.onLine) void this.syncNow();
  }

  async syncNow(): Promise<void> {
    if (this.syncing) return;
    if (!navigator.onLine) {
      this.syncProblem = syncErrorMessage('offline');
      return;
    }
    this.syncing = true;
    this.syncProblem = null;
    try {
      await pushOutbox({
        db: this.#db,
        fetch: this.#fetch,
        deviceId: await getDeviceId(this.#db),
        onProgress: (progress) => (this.progress = progress)
      });
      const now = new Date().toISOString();
      await setLastSyncedAt(this.#db, now);
      this.lastSyncedAt = now;
    } catch (error) {
      this.syncProblem = error instanceof SyncError ? error.message : syncErrorMessage('server');
    } finally {
      this.syncing = false;
      this.progress = null;
    }
  }
}

let fieldApp: FieldApp | undefined;

/** The page's one FieldApp, made on first use in the browser. */
export function getFieldApp(): FieldApp {
  fieldApp ??= new FieldApp();
  return fieldApp;
}
