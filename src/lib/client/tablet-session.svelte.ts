import { DeviceRoster, EnrolResult, type DeviceStatus } from '$lib/domain/device';
import { compareText } from '$lib/domain/english-text';
import { ProtocolErrorBody } from '$lib/domain/protocol';
import { MAX_PIN_ATTEMPTS, pinMatches } from '$lib/domain/worker-pin';
import type { DeviceDatabase, StoredWorker } from './db/database';
import { needsMoreCodes } from './db/reference-codes';
import {
  adoptUnattributed,
  clearPinFailures,
  getDeviceState,
  getEnrolment,
  getUnlocked,
  idleLockMinutes,
  recordPinFailure,
  saveEnrolment,
  setDeviceState,
  setUnlocked,
  storeRoster,
  wipeDevice
} from './db/tablet';

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

  #db: DeviceDatabase;
  #fetch: typeof fetch;
  #now: () => number;
  #lastActive = 0;
  #lastWritten = 0;
  #idleMinutes = 10;

  constructor(db: DeviceDatabase, fetchFn: typeof fetch, now: () => number = Date.now) {
    this.#db = db;
    this.#fetch = fetchFn;
    this.#now = now;
  }

  get enrolled(): boolean {
    return this.enrolment !== null && (this.status === 'active' || this.status === 'retiring');
  }

  /** Reads what the tablet keeps, at app start; a worker whose idle time ran out while the app was closed is locked out. */
  async load(): Promise<void> {
    const [kept, unlocked] = await Promise.all([this.#read(), getUnlocked(this.#db)]);
    const worker = unlocked && kept.workers.find((w) => w.id === unlocked.workerId);
    // The worker is known before the tablet shows as enrolled, so the lock screen never flashes up.
    if (worker && this.#now() - Date.parse(unlocked.lastActiveAt) < kept.idle * 60_000) {
      this.worker = { id: worker.id, name: worker.name };
      this.#lastActive = this.#lastWritten = Date.parse(unlocked.lastActiveAt);
    } else if (unlocked) {
      await setUnlocked(this.#db, null);
    }
    this.#apply(kept);
  }

  /** The enrolment, status, lock time and workers as kept now; a worker dropped from the roster is locked out. */
  async #reload(): Promise<void> {
    this.#apply(await this.#read());
  }

  async #read(): Promise<KeptTablet> {
    const [enrolment, status, workers, idle] = await Promise.all([
      getEnrolment(this.#db),
      getDeviceState(this.#db),
      this.#db.workers.toArray(),
      idleLockMinutes(this.#db)
    ]);
    return { enrolment, status, workers, idle };
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
    await saveEnrolment(this.#db, enrolled.data);
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
      response = await this.#fetch(`/api/device/roster${(await needsMoreCodes(this.#db)) ? '?more-codes=1' : ''}`);
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
    await storeRoster(this.#db, roster.data, options);
    await this.#reload();
  }

  /** The server refused this tablet: lost ones are erased, retired or unknown ones wait to be enrolled again. */
  async refused(status: 'lost' | 'retired' | 'not-enrolled'): Promise<void> {
    if (status === 'lost') {
      await wipeDevice(this.#db);
      this.enrolment = null;
      this.workers = [];
    } else {
      await setDeviceState(this.#db, status);
    }
    this.worker = null;
    this.status = status;
  }

  /** Checks a worker's PIN against the hash kept here (works offline). */
  async unlock(workerId: string, pin: string): Promise<UnlockOutcome> {
    const worker = await this.#db.workers.get(workerId);
    if (!worker) return { ok: false, message: 'Choose your name from the list.' };
    if (worker.failedPins >= MAX_PIN_ATTEMPTS) return { ok: false, message: lockedOut(worker.name) };
    if (!worker.pin) return { ok: false, message: `${worker.name} has no PIN yet. Choose one below while the tablet is online, or ask your lead to set it.` };
    if (!(await pinMatches(pin, worker.pin))) {
      const failures = await recordPinFailure(this.#db, workerId);
      this.workers = sortByName(await this.#db.workers.toArray());
      if (failures >= MAX_PIN_ATTEMPTS) return { ok: false, message: lockedOut(worker.name) };
      const left = MAX_PIN_ATTEMPTS - failures;
      return { ok: false, message: `That PIN is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before ${worker.name} is locked out on this tablet.` };
    }
    await clearPinFailures(this.#db, workerId);
    if (this.enrolment) await adoptUnattributed(this.#db, workerId, this.enrolment.organisation.id);
    const now = this.#now();
    await setUnlocked(this.#db, { workerId, lastActiveAt: new Date(now).toISOString() });
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
    await storeRoster(this.#db, roster.data, { synced: false });
    await this.#reload();
    return this.unlock(workerId, pin);
  }

  /** Locks the tablet (Switch worker, or the idle time ran out). */
  async lock(): Promise<void> {
    this.worker = null;
    await setUnlocked(this.#db, null);
  }

  /** A touch or key press: the idle clock starts again. */
  touch(): void {
    if (!this.worker) return;
    const now = this.#now();
    this.#lastActive = now;
    if (now - this.#lastWritten > ACTIVITY_WRITE_MS) {
      this.#lastWritten = now;
      void setUnlocked(this.#db, { workerId: this.worker.id, lastActiveAt: new Date(now).toISOString() });
    }
  }

  /** Locks when the worker has been idle for the network's time; call every few seconds. */
  async lockIfIdle(): Promise<void> {
    if (this.worker && this.#now() - this.#lastActive >= this.#idleMinutes * 60_000) await this.lock();
  }
}

const lockedOut = (name: string) =>
  `${name} is locked out on this tablet after ${MAX_PIN_ATTEMPTS} wrong PINs. It unlocks once the tablet has synced; your lead can also set a new PIN.`;

const sortByName = (workers: StoredWorker[]) => [...workers].sort((a, b) => compareText(a.name, b.name));
