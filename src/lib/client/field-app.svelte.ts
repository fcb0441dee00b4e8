import { liveQuery } from 'dexie';
import { version } from '$app/environment';
import type { Presence } from '$lib/domain/access';
import type { HistoryEntry } from '$lib/domain/conversation-history';
import { SessionInfo } from '$lib/domain/session';
import { SyncError, syncErrorMessage, type SyncErrorReason } from '$lib/domain/sync-error';
import { countUnsyncedConversations } from './db/outbox';
import { DeviceDatabase } from './db/database';
import { getLastSyncedAt, setLastSyncedAt } from './db/device-settings';
import { DeviceConversations } from './device-conversations.svelte';
import { cachedReferenceData, refreshReferenceData, type ReferenceState } from './reference-data';
import { RetrySchedule } from './sync/backoff';
import { clockDisagreement } from './sync/clock-check';
import type { SyncProgress } from './sync/sync-engine';
import type { UnreadableRecord } from './db/database';
import { TabletSession } from './tablet-session.svelte';

/** Sent with every sync, so Settings › Tablets shows which version each tablet runs. */
const APP_VERSION_HEADERS = { 'x-app-version': version };

/**
 * What the app knows and does in this browser: who is using it (a signed-in person, an enrolled
 * tablet and its unlocked worker), reference data, the worker's conversations, the outbox and
 * sync. Components read its state; only it talks to IndexedDB and the server.
 */
export class FieldApp {
  reference = $state<ReferenceState>({ status: 'loading' });
  /** What the server last said about this browser; kept for offline use. Null until first known. */
  session = $state.raw<SessionInfo | null>(null);
  /** Asking the server who this is, after signing in or out (every navigation asks again). */
  checkingSession = $state(false);
  waiting = $state(0);
  syncing = $state(false);
  progress = $state<SyncProgress | null>(null);
  lastSyncedAt = $state<string | null>(null);
  /** Why the last sync did not finish; the sync bar says it in words (`syncNotice`). */
  syncProblem = $state.raw<{ reason: SyncErrorReason; message: string } | null>(null);
  /** When sync tries again by itself after a failure worth retrying (ms since the epoch). */
  nextRetryAt = $state<number | null>(null);
  /** The tablet's and the server's clocks when they differ by more than a day (from the last sync's answers). */
  clockDisagreement = $state.raw<{ device: number; server: number } | null>(null);
  /** Records pulls brought that this app could not read, set aside so the rest synced. */
  unreadable = $state.raw<UnreadableRecord[]>([]);
  /** When the oldest change still waiting was made: old ones are at risk where browsers clear storage. */
  oldestWaitingAt = $state<string | null>(null);
  readonly tablet: TabletSession;
  readonly conversations: DeviceConversations;

  #db: DeviceDatabase;
  #fetch: typeof fetch;
  #started = false;
  #syncAgain = false;
  #exclusive: import('./sync/sync-engine').SyncDeps['exclusive'] | undefined;
  /** While anything waits, a sync that failed for a reason worth retrying is tried again, with backoff, for ever. */
  #retry = new RetrySchedule(() => void this.syncNow(), {
    now: () => Date.now(),
    random: Math.random,
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
  });
  /** fetch for sync, noting the server's clock from every answer's Date header. */
  #syncFetch: typeof fetch = async (input, init) => {
    const response = await this.#fetch(input, init);
    if (response.headers.has('date')) this.clockDisagreement = clockDisagreement(response.headers.get('date'), Date.now());
    return response;
  };

  constructor(db = new DeviceDatabase(), fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.#db = db;
    this.#fetch = fetchFn;
    this.tablet = new TabletSession(db, fetchFn);
    // After each save, edit or delete: sync at once when online, or as soon as the browser is back online.
    this.conversations = new DeviceConversations(
      db,
      () => (navigator.onLine ? void this.syncNow() : void requestBackgroundSync()),
      () => this.tablet.worker?.id ?? null
    );
  }

  /** Who is here, for deciding which pages and links to offer. */
  get presence(): Presence {
    return { role: this.session?.person?.role ?? null, device: this.tablet.enrolled };
  }

  /** Loads what is on the device, then asks the server who this is, refreshes and syncs (on app start). */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    // Conversations with changes not yet on the server (a conversation edited twice counts once).
    liveQuery(() => countUnsyncedConversations(this.#db)).subscribe((count) => (this.waiting = count));
    liveQuery(() => this.#db.outbox.limit(1).first()).subscribe((entry) => (this.oldestWaitingAt = entry?.queuedAt ?? null));
    liveQuery(() => this.#db.unreadable.toArray()).subscribe(
      (records) => (this.unreadable = records.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id)))
    );
    // Ask the browser to keep what is saved here even when space runs low (it may say no).
    void import('./device-storage').then(({ requestPersistentStorage }) => requestPersistentStorage(navigator.storage));
    // What the device keeps, read at once: pages wait for it (a tablet's for its worker, every page for the wards).
    const [cachedSession, , lastSyncedAt, reference] = await Promise.all([
      this.#db.settings.get('session'),
      this.tablet.load(),
      getLastSyncedAt(this.#db),
      cachedReferenceData(this.#db)
    ]);
    if (cachedSession) this.session = SessionInfo.safeParse(JSON.parse(cachedSession.value)).data ?? null;
    this.lastSyncedAt = lastSyncedAt;
    this.reference = reference;
    window.addEventListener('online', () => void this.refresh());
    // Offline is a normal state on an event day: said at once, and coming online syncs.
    window.addEventListener('offline', () => {
      this.#retry.reset();
      if (this.tablet.enrolled) this.#showProblem({ reason: 'offline', message: syncErrorMessage('offline') }, null);
    });
    // Back on screen (the tablet woken, the app switched back to): sync what waits at once.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.syncNow();
    });
    navigator.serviceWorker?.addEventListener('message', (event) => {
      if (event.data?.type === 'sync-now') void this.syncNow();
    });
    await this.refresh();
  }

  /** Asks the server who this is, then refreshes reference data and the tablet's roster, and syncs. */
  async refresh(): Promise<void> {
    await this.refreshSession();
    if (this.session && !this.session.setUp) {
      this.reference = { status: 'not-set-up' };
      return;
    }
    if (this.presence.role || this.tablet.enrolled) await this.refreshReference();
    if (this.tablet.enrolled) {
      await this.tablet.refresh({ synced: false });
      await this.syncNow();
    }
  }

  /** What the server says about this browser; offline, what it said last time. */
  async refreshSession(): Promise<void> {
    let info: SessionInfo;
    this.checkingSession = true;
    try {
      const response = await this.#fetch('/api/session');
      const parsed = SessionInfo.safeParse(await response.json());
      if (!response.ok || !parsed.success) return;
      info = parsed.data;
    } catch {
      return;
    } finally {
      this.checkingSession = false;
    }
    this.session = info;
    await this.#db.settings.put({ key: 'session', value: JSON.stringify(info) });
    if (this.tablet.enrolment && info.device?.status === 'lost') await this.tablet.refused('lost');
  }

  /** Values of a conversation that lost to edits made at the same time elsewhere; null when offline. */
  async conversationHistory(id: string): Promise<HistoryEntry[] | null> {
    const workerId = this.tablet.worker?.id;
    if (!workerId) return null;
    try {
      const response = await this.#fetch(`/api/conversations/${encodeURIComponent(id)}/history?worker=${encodeURIComponent(workerId)}`);
      return response.ok ? ((await response.json()) as { history: HistoryEntry[] }).history : null;
    } catch {
      return null;
    }
  }

  /** Loads the network's themes, prompts, events and wards (kept on the device for offline use). */
  async refreshReference(): Promise<void> {
    this.reference = await refreshReferenceData(this.#db, this.#fetch);
  }

  /**
   * Pushes what waits and pulls what is new. A failure worth retrying (no connection, a server
   * that cannot be reached or is down) schedules the next try with backoff for as long as
   * anything waits; offline, coming online starts it.
   */
  async syncNow(): Promise<void> {
    if (!this.tablet.enrolled) return;
    // A save while a sync runs is sent by another sync straight after, not left waiting for the next trigger.
    if (this.syncing) {
      this.#syncAgain = true;
      return;
    }
    if (!navigator.onLine) {
      this.#showProblem({ reason: 'offline', message: syncErrorMessage('offline') }, null);
      return;
    }
    this.syncing = true;
    this.#showProblem(null, null);
    try {
      // The sync engine loads after the first screen, which never waits for it.
      const { syncOnce, browserExclusive } = await import('./sync/sync-engine');
      this.#exclusive ??= browserExclusive();
      const outcome = await syncOnce({
        db: this.#db,
        fetch: this.#syncFetch,
        workerId: this.tablet.worker?.id ?? null,
        headers: APP_VERSION_HEADERS,
        now: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
        exclusive: this.#exclusive,
        onProgress: (progress) => (this.progress = progress)
      });
      if (outcome === null) return; // another tab is syncing
      this.#retry.reset();
      const now = new Date().toISOString();
      await setLastSyncedAt(this.#db, now);
      this.lastSyncedAt = now;
      // A worker who knew their PIN synced: lockouts from wrong PINs end (a locked tablet's own sync does not end them).
      await this.tablet.refresh({ synced: this.tablet.worker !== null });
    } catch (error) {
      await this.#refusedTablet(error);
      const problem = error instanceof SyncError ? { reason: error.reason, message: error.message } : { reason: 'server' as const, message: syncErrorMessage('server') };
      const retrying = error instanceof SyncError && error.transient && navigator.onLine && (await this.#db.outbox.count()) > 0;
      if (retrying) this.#retry.failed(error.retryAfterMs);
      else this.#retry.reset();
      this.#showProblem(problem, this.#retry.nextAt);
    } finally {
      this.syncing = false;
      this.progress = null;
    }
    if (this.#syncAgain) {
      this.#syncAgain = false;
      await this.syncNow();
    }
  }

  #showProblem(problem: FieldApp['syncProblem'], retryAt: number | null): void {
    this.syncProblem = problem;
    this.nextRetryAt = retryAt;
  }

  /** The server no longer accepts this tablet: a lost one erases what it holds. */
  async #refusedTablet(error: unknown): Promise<void> {
    if (!(error instanceof SyncError)) return;
    if (error.reason === 'device-lost') await this.tablet.refused('lost');
    else if (error.reason === 'device-retired') await this.tablet.refused('retired');
    else if (error.reason === 'unauthorised') await this.tablet.refused('not-enrolled');
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
