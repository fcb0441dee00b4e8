import { DeviceRoster, EnrolResult, type DeviceStatus } from '$lib/domain/device';
import { compareText } from '$lib/domain/english-text';
import { ProtocolErrorBody } from '$lib/domain/protocol';
import { MAX_PIN_ATTEMPTS, pinMatches } from '$lib/domain/worker-pin';
import type { DeviceDatabase, StoredWorker } from './db/database';
import { lookThrough, type FirstLook } from './db/first-look';
import { LazyDatabase } from './db/lazy-database';
import { deviceStateOf, enrolmentOf, idleMinutesOf, unlockedOf } from './db/tablet-settings';

export type TabletStatus = DeviceStatus | 'not-enrolled' | 'loading';

export type UnlockOutcome = { ok: true } | { ok: false; message: string };

/** What the tablet keeps about itself: its enrolment, status, workers and idle lock time (minutes). */
interface KeptTablet {
  enrolment: EnrolResult | null;
  status: TabletStatus;
  workers: StoredWorker[];
  idle: number;
}

/** How often activity is written down, so an idle tablet locks even across a reload. */
const ACTIVITY_WRITE_MS = 30_000;

/**
 * The tablet and who is using it (issue 10): its enrolment, its organisation's workers, and the
 * worker who unlocked it with their PIN (checked here, offline). It locks after the network's
 * idle time; five wrong PINs lock a worker out on this tablet until it next syncs. Locking,
 * switching worker and even revocation leave drafts and waiting changes where they are.
 */
export class TabletSession {
  status = $state<TabletStatus>('loading');
  enrolment = $state.raw<EnrolResult | null>(null);
  workers = $state.raw<StoredWorker[]>([]);
  worker = $state.raw<{ id: string; name: string } | null>(null);

  #db: LazyDatabase;
  #fetch: typeof fetch;
  #now: () => number;
  #lastActive = 0;
  #lastWritten = 0;
  #idleMinutes = 10;

  constructor(db: DeviceDatabase | LazyDatabase, fetchFn: typeof fetch, now: () => number = Date.now) {
    this.#db = LazyDatabase.of(db);
    this.#fetch = fetchFn;
    this.#now = now;
  }

  /** The database and the tablet's reads and writes (db/tablet.ts), both loaded with Dexie after the first screen. */
  #kept(): Promise<[DeviceDatabase, typeof import('./db/tablet')]> {
    return Promise.all([this.#db.get(), import('./db/tablet')]);
  }

  get enrolled(): boolean {
    return this.enrolment !== null && (this.status === 'active' || this.status === 'retiring');
  }

  /** Reads what the tablet keeps through Dexie, at app start (`loadFrom` when it was read already). */
  async load(): Promise<void> {
    await this.loadFrom(await lookThrough(await this.#db.get()));
  }

  /**
   * Shows what the tablet keeps, read at app start before Dexie loaded (first-look.ts); a worker
   * whose idle time ran out while the app was closed is locked out, and that written once Dexie is here.
   */
  async loadFrom(look: FirstLook): Promise<void> {
    const kept = keptTablet(look);
    const unlocked = unlockedOf(look.settings.unlocked);
    const worker = unlocked && kept.workers.find((w) => w.id === unlocked.workerId);
    // The worker is known before the tablet shows as enrolled, so the lock screen never flashes up.
    const stillActive = worker && this.#now() - Date.parse(unlocked.lastActiveAt) < kept.idle * 60_000;
    if (stillActive) {
      this.worker = { id: worker.id, name: worker.name };
      this.#lastActive = this.#lastWritten = Date.parse(unlocked.lastActiveAt);
    }
    this.#apply(kept);
    if (unlocked && !stillActive) await this.#forget(look.settings.unlocked!);
  }

  /** The worker timed out while the app was closed: forgotten, unless another tab unlocked while Dexie loaded. */
  async #forget(unlocked: string): Promise<void> {
    const [db, kept] = await this.#kept();
    await db.transaction('rw', db.settings, async () => {
      if ((await db.settings.get('unlocked'))?.value === unlocked) await kept.setUnlocked(db, null);
    });
  }

  /** The enrolment, status, lock time and workers as kept now; a worker dropped from the roster is locked out. */
  async #reload(): Promise<void> {
    const [db, kept] = await this.#kept();
    const [enrolment, status, workers, idle] = await Promise.all([
      kept.getEnrolment(db),
      kept.getDeviceState(db),
      db.workers.toArray(),
      kept.idleLockMinutes(db)
    ]);
    this.#apply({ enrolment, status, workers, idle });
  }

  #apply({ enrolment, status, workers, idle }: KeptTablet): void {
    this.enrolment = enrolment;
    this.status = status;
    this.workers = sortByName(workers);
    this.#idleMinutes = idle;
    if (this.worker && !workers.some((w) => w.id === this.worker?.id)) this.worker = null;
  }

  /** Enrols this tablet with a code from a lead; the reason in words when it cannot. */
  async enrol(code: string, appVersion: string): Promise<UnlockOutcome> {
    let response: Response;
    try {
      response = await this.#fetch('/api/enrol', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, appVersion })
      });
    } catch {
      return { ok: false, message: 'The server could not be reached. Enrolling needs a connection: try again with wifi or mobile data.' };
    }
    const body: unknown = await response.json().catch(() => null);
    const enrolled = EnrolResult.safeParse(body);
    if (!response.ok || !enrolled.success) {
      const refusal = ProtocolErrorBody.safeParse(body);
      return { ok: false, message: refusal.success ? refusal.data.error.message : `The server answered ${response.status}. Try again.` };
    }
    const [db, kept] = await this.#kept();
    await kept.saveEnrolment(db, enrolled.data);
    this.enrolment = enrolled.data;
    this.status = 'active';
    this.worker = null;
    await this.refresh({ synced: true });
    return { ok: true };
  }

  /**
   * Fetches the roster (workers, PIN hashes, lock time, this tablet's status). `synced` after a
   * completed sync: wrong-PIN lockouts end. A lost tablet erases what it holds at once.
   */
  async refresh(options: { synced: boolean }): Promise<void> {
    if (!this.enrolment) return;
    let response: Response;
    try {
      // Most of its reference codes used: it asks for a further block (issue 13).
      const [db, { needsMoreCodes }] = await Promise.all([this.#db.get(), import('./db/reference-codes')]);
      response = await this.#fetch(`/api/device/roster${(await needsMoreCodes(db)) ? '?more-codes=1' : ''}`);
    } catch {
      return; // offline: the roster kept here serves
    }
    if (response.status === 401 || response.status === 403) {
      const refusal = ProtocolErrorBody.safeParse(await response.json().catch(() => null));
      const reason = refusal.success ? refusal.data.error.reason : 'unauthorised';
      await this.refused(reason === 'device-lost' ? 'lost' : reason === 'device-retired' ? 'retired' : 'not-enrolled');
      return;
    }
    const roster = DeviceRoster.safeParse(await response.json().catch(() => null));
    if (!response.ok || !roster.success) return;
    const [db, kept] = await this.#kept();
    await kept.storeRoster(db, roster.data, options);
    await this.#reload();
  }

  /** The server refused this tablet: lost ones are erased, retired or unknown ones wait to be enrolled again. */
  async refused(status: 'lost' | 'retired' | 'not-enrolled'): Promise<void> {
    const [db, kept] = await this.#kept();
    if (status === 'lost') {
      await kept.wipeDevice(db);
      this.enrolment = null;
      this.workers = [];
    } else {
      await kept.setDeviceState(db, status);
    }
    this.worker = null;
    this.status = status;
  }

  /** Checks a worker's PIN against the hash kept here (works offline). */
  async unlock(workerId: string, pin: string): Promise<UnlockOutcome> {
    const [db, kept] = await this.#kept();
    const worker = await db.workers.get(workerId);
    if (!worker) return { ok: false, message: 'Choose your name from the list.' };
    if (worker.failedPins >= MAX_PIN_ATTEMPTS) return { ok: false, message: lockedOut(worker.name) };
    if (!worker.pin) return { ok: false, message: `${worker.name} has no PIN yet. Choose one below while the tablet is online, or ask your lead to set it.` };
    if (!(await pinMatches(pin, worker.pin))) {
      const failures = await kept.recordPinFailure(db, workerId);
      this.workers = sortByName(await db.workers.toArray());
      if (failures >= MAX_PIN_ATTEMPTS) return { ok: false, message: lockedOut(worker.name) };
      const left = MAX_PIN_ATTEMPTS - failures;
      return { ok: false, message: `That PIN is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before ${worker.name} is locked out on this tablet.` };
    }
    await kept.clearPinFailures(db, workerId);
    if (this.enrolment) await kept.adoptUnattributed(db, workerId, this.enrolment.organisation.id);
    const now = this.#now();
    await kept.setUnlocked(db, { workerId, lastActiveAt: new Date(now).toISOString() });
    this.#lastActive = this.#lastWritten = now;
    this.worker = { id: worker.id, name: worker.name };
    return { ok: true };
  }

  /** A worker with no PIN chooses one (needs a connection: the server keeps it for their other tablets). */
  async choosePin(workerId: string, pin: string): Promise<UnlockOutcome> {
    let response: Response;
    try {
      response = await this.#fetch(`/api/device/workers/${encodeURIComponent(workerId)}/pin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin })
      });
    } catch {
      return { ok: false, message: 'Choosing a PIN needs a connection. Try again with wifi or mobile data, or ask your lead to set it.' };
    }
    const body: unknown = await response.json().catch(() => null);
    const roster = DeviceRoster.safeParse(body);
    if (!response.ok || !roster.success) {
      const refusal = ProtocolErrorBody.safeParse(body);
      return { ok: false, message: refusal.success ? refusal.data.error.message : 'The PIN could not be saved. Try again.' };
    }
    const [db, kept] = await this.#kept();
    await kept.storeRoster(db, roster.data, { synced: false });
    await this.#reload();
    return this.unlock(workerId, pin);
  }

  /** Locks the tablet (Switch worker, or the idle time ran out). */
  async lock(): Promise<void> {
    this.worker = null;
    const [db, kept] = await this.#kept();
    await kept.setUnlocked(db, null);
  }

  /** A touch or key press: the idle clock starts again. */
  touch(): void {
    if (!this.worker) return;
    const now = this.#now();
    this.#lastActive = now;
    if (now - this.#lastWritten > ACTIVITY_WRITE_MS) {
      this.#lastWritten = now;
      const unlocked = { workerId: this.worker.id, lastActiveAt: new Date(now).toISOString() };
      void this.#kept().then(([db, kept]) => kept.setUnlocked(db, unlocked));
    }
  }

  /** Locks when the worker has been idle for the network's time; call every few seconds. */
  async lockIfIdle(): Promise<void> {
    if (this.worker && this.#now() - this.#lastActive >= this.#idleMinutes * 60_000) await this.lock();
  }
}

const lockedOut = (name: string) =>
  `${name} is locked out on this tablet after ${MAX_PIN_ATTEMPTS} wrong PINs. It unlocks once the tablet has synced; your lead can also set a new PIN.`;

/** The enrolment, status, workers and lock time from the settings as kept. */
function keptTablet({ settings, workers }: FirstLook): KeptTablet {
  const enrolment = enrolmentOf(settings.enrolment);
  return { enrolment, status: deviceStateOf(settings.deviceState, enrolment), workers, idle: idleMinutesOf(settings.idleLockMinutes) };
}

const sortByName = (workers: StoredWorker[]) => [...workers].sort((a, b) => compareText(a.name, b.name));
