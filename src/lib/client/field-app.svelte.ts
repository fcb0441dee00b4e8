import { liveQuery } from 'dexie';
import type { HistoryEntry } from '$lib/domain/conversation-history';
import { SyncError, syncErrorMessage } from '$lib/domain/sync-error';
import { countUnsyncedConversations } from './db/outbox';
import { DeviceDatabase } from './db/database';
import { getDeviceId, getLastSyncedAt, setLastSyncedAt } from './db/device-settings';
import { DeviceConversations } from './device-conversations.svelte';
import { cachedReferenceData, refreshReferenceData, type ReferenceState } from './reference-data';
import type { SyncProgress } from './sync/sync-engine';

/**
 * What the capture side of the app knows and does: reference data, the conversations on the
 * device, the outbox and sync. Components read its state; only it talks to IndexedDB and the server.
 */
export class FieldApp {
  reference = $state<ReferenceState>({ status: 'loading' });
  waiting = $state(0);
  syncing = $state(false);
  progress = $state<SyncProgress | null>(null);
  lastSyncedAt = $state<string | null>(null);
  syncProblem = $state<string | null>(null);
  /** When the oldest change still waiting was made: old ones are at risk where browsers clear storage. */
  oldestWaitingAt = $state<string | null>(null);
  readonly conversations: DeviceConversations;

  #db: DeviceDatabase;
  #fetch: typeof fetch;
  #started = false;
  #exclusive: import('./sync/sync-engine').SyncDeps['exclusive'] | undefined;

  constructor(db = new DeviceDatabase(), fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.#db = db;
    this.#fetch = fetchFn;
    // After each save, edit or delete: sync at once when online, or as soon as the browser is back online.
    this.conversations = new DeviceConversations(db, () => (navigator.onLine ? void this.syncNow() : void requestBackgroundSync()));
  }

  /** Loads what is on the device, then refreshes from the server and syncs (on app start). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    // Conversations with changes not yet on the server (a conversation edited twice counts once).
    liveQuery(() => countUnsyncedConversations(this.#db)).subscribe((count) => (this.waiting = count));
    liveQuery(() => this.#db.outbox.limit(1).first()).subscribe((entry) => (this.oldestWaitingAt = entry?.queuedAt ?? null));
    // Ask the browser to keep what is saved here even when space runs low (it may say no).
    void import('./device-storage').then(({ requestPersistentStorage }) => requestPersistentStorage(navigator.storage));
    this.conversations.watch();
    this.lastSyncedAt = await getLastSyncedAt(this.#db);
    this.reference = await cachedReferenceData(this.#db);
    window.addEventListener('online', () => void this.refreshReference().then(() => this.syncNow()));
    navigator.serviceWorker?.addEventListener('message', (event) => {
      if (event.data?.type === 'sync-now') void this.syncNow();
    });
    await this.refreshReference();
    if (this.reference.status === 'ready') await this.syncNow();
  }

  /** Values of a conversation that lost to edits made at the same time elsewhere; null when offline. */
  async conversationHistory(id: string): Promise<HistoryEntry[] | null> {
    try {
      const response = await this.#fetch(`/api/conversations/${encodeURIComponent(id)}/history`);
      return response.ok ? ((await response.json()) as { history: HistoryEntry[] }).history : null;
    } catch {
      return null;
    }
  }

  /** Loads the network's reference data; once a network has just been set up, syncs too. */
  async refreshReference(): Promise<void> {
    const wasReady = this.reference.status === 'ready';
    this.reference = await refreshReferenceData(this.#db, this.#fetch);
    if (this.#started && !wasReady && this.reference.status === 'ready') void this.syncNow();
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
      // The sync engine loads after the first screen, which never waits for it.
      const { syncOnce, browserExclusive } = await import('./sync/sync-engine');
      this.#exclusive ??= browserExclusive();
      const outcome = await syncOnce({
        db: this.#db,
        fetch: this.#fetch,
        deviceId: await getDeviceId(this.#db),
        now: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
        exclusive: this.#exclusive,
        onProgress: (progress) => (this.progress = progress)
      });
      if (outcome === null) return; // another tab is syncing
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

/** Asks the browser to wake the app's service worker when a connection is back (Chromium only). */
async function requestBackgroundSync(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
  await sync?.register('anchor-listening-sync').catch(() => undefined);
}

let fieldApp: FieldApp | undefined;

/** The page's one FieldApp, made on first use in the browser. */
export function getFieldApp(): FieldApp {
  fieldApp ??= new FieldApp();
  return fieldApp;
}
