import { version } from '$app/environment';
import type { Presence } from '$lib/domain/access';
import type { HistoryEntry } from '$lib/domain/conversation-history';
import { SessionInfo } from '$lib/domain/session';
import { SyncError, syncErrorMessage, type SyncErrorReason } from '$lib/domain/sync-error';
import type { DeviceDatabase } from './db/database';
import { setLastSyncedAt } from './db/device-settings';
import { lookThrough, readFirstLook } from './db/first-look';
import { LazyDatabase } from './db/lazy-database';
import { DeviceConversations } from './device-conversations.svelte';
import { referenceStateOf, refreshReferenceData, type ReferenceState } from './reference-data';
import { fetchOfflineModules } from './offline-modules';
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
  /** The server has been asked at least once (answered or not): the header's links are known. */
  sessionChecked = $state(false);
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

  #db: LazyDatabase;
  #fetch: typeof fetch;
  #started = false;
  /** Until the start's own sync begins: a worker found unlocked meanwhile needs no sync of their own. */
  #startSyncDue = true;
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

  /** `db`: the device database, or how to load it (by default Dexie arrives by `import()`, after the first screen). */
  constructor(db?: DeviceDatabase | (() => Promise<DeviceDatabase>), fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.#db = new LazyDatabase(db);
    this.#fetch = fetchFn;
    this.tablet = new TabletSession(this.#db, fetchFn);
    // After each save, edit or delete: sync at once when online, or as soon as the browser is back online.
    this.conversations = new DeviceConversations(
      this.#db,
      () => (navigator.onLine ? void this.syncNow() : void requestBackgroundSync()),
      () => this.tablet.worker?.id ?? null,
      () => (this.reference.status === 'ready' ? (this.reference.data.sealingKey ?? null) : null)
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
    // Dexie starts loading now, beside the first look, so a save or a list seldom waits for it.
    const loading = this.#db.get();
    loading.catch(() => undefined); // said by whatever uses the database
    // Conversations with changes not yet on the server (a conversation edited twice counts once).
    this.#db.live(
      (db, { countUnsyncedConversations }) => countUnsyncedConversations(db),
      (count) => (this.waiting = count),
      () => import('./db/outbox')
    );
    this.#db.live((db) => db.outbox.limit(1).first(), (entry) => (this.oldestWaitingAt = entry?.queuedAt ?? null));
    this.#db.live(
      (db) => db.unreadable.toArray(),
      (records) => (this.unreadable = records.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id)))
    );
    // Ask the browser to keep what is saved here even when space runs low (it may say no).
    void import('./device-storage').then(({ requestPersistentStorage }) => requestPersistentStorage(navigator.storage));
    // What the device keeps, read at once with bare IndexedDB (through Dexie only if that failed): pages wait for it.
    const look = (await readFirstLook()) ?? (await lookThrough(await loading));
    if (look.settings.session) this.session = SessionInfo.safeParse(JSON.parse(look.settings.session)).data ?? null;
    this.lastSyncedAt = look.settings.lastSyncedAt ?? null;
    this.reference = referenceStateOf(look.reference);
    const tablet = this.tablet.loadFrom(look);
    this.conversations.showFirstLook(look.drafts, look.settings.recentWards);
    await tablet;
    void fetchOfflineModules();
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
    this.#startSyncDue = false; // a start that did not sync (offline, not set up) leaves later unlocks to sync
  }

  /** A worker unlocked the tablet, or was found unlocked: fetch their conversations, unless the start is about to. */
  workerUnlocked(): void {
    if (!this.#startSyncDue) void this.syncNow();
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
      this.sessionChecked = true;
    }
    this.session = info;
    await (await this.#db.get()).settings.put({ key: 'session', value: JSON.stringify(info) });
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
    this.reference = await refreshReferenceData(await this.#db.get(), this.#fetch);
  }

  /**
   * Pushes what waits and pulls what is new. A failure worth retrying (no connection, a server
   * that cannot be reached or is down) schedules the next try with backoff for as long as
   * anything waits; offline, coming online starts it.
   */
  async syncNow(): Promise<void> {
    this.#startSyncDue = false;
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
      const [{ syncOnce, browserExclusive }, db] = await Promise.all([import('./sync/sync-engine'), this.#db.get()]);
      this.#exclusive ??= browserExclusive();
      const outcome = await syncOnce({
        db,
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
      await setLastSyncedAt(db, now);
      this.lastSyncedAt = now;
      // A worker who knew their PIN synced: lockouts from wrong PINs end (a locked tablet's own sync does not end them).
      await this.tablet.refresh({ synced: this.tablet.worker !== null });
    } catch (error) {
      await this.#refusedTablet(error);
      const problem = error instanceof SyncError ? { reason: error.reason, message: error.message } : { reason: 'server' as const, message: syncErrorMessage('server') };
      const retrying = error instanceof SyncError && error.transient && navigator.onLine && (await (await this.#db.get()).outbox.count()) > 0;
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
