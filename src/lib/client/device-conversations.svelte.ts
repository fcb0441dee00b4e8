import { NewSealableConversation, NOTHING_SAID_MESSAGE, saysSomething, type DeviceConversationFields } from '$lib/domain/conversation';
import type { SealingPublicKey } from '$lib/domain/sealed';
import { Instant } from '$lib/domain/instant';
import { syncErrorMessage } from '$lib/domain/sync-error';
import type { DraftValues } from './conversation-draft.svelte';
import type { DeviceDatabase, Draft, StoredConversation } from './db/database';
import { LazyDatabase } from './db/lazy-database';
import { draftKey } from './db/tablet-settings';
import { currentPosition, LOCATION_MESSAGES, type LocationOutcome } from './geolocation';

/** Why a save failed, in words a community worker can act on. */
export class SaveError extends Error {}

const RECENT_WARDS = 5;

function isQuotaError(error: unknown): boolean {
  const named = error as { name?: string; inner?: { name?: string } };
  return named?.name === 'QuotaExceededError' || named?.inner?.name === 'QuotaExceededError';
}

/** Runs a write; a failure becomes a SaveError saying what happened, with nothing half-written. */
async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new SaveError(`${syncErrorMessage('quota')} Nothing already saved is affected; this form is kept as it is.`);
    throw new SaveError(`This could not be saved on this device: ${(error as Error).message}`);
  }
}

export interface ListedConversation extends StoredConversation {
  synced: boolean;
}

/**
 * The conversations on this tablet of the worker who unlocked it: saving, editing, deleting,
 * listing, their draft, and recent wards. Another worker's are never listed or opened here.
 */
export class DeviceConversations {
  /** Today's and unsynced conversations while a page watches them (raw: replaced whole, never mutated). */
  list = $state.raw<ListedConversation[]>([]);
  recentWardCodes = $state.raw<string[]>([]);
  /** The worker's changes the server refused as invalid, with its reasons, by conversation. */
  refused = $state.raw<Map<string, string[]>>(new Map());

  #db: LazyDatabase;
  #afterChange: () => void;
  #worker: () => string | null;
  #sealingKey: () => SealingPublicKey | null;
  /** Drafts read at app start, before Dexie loaded, and whose they were: see `showFirstLook`. */
  #firstDrafts: { workerId: string | null; drafts: Draft[] } | null = null;

  /** `sealingKey`: the network's public key from reference data, which contact details and equality answers are sealed to. */
  constructor(db: DeviceDatabase | LazyDatabase, afterChange: () => void, worker: () => string | null, sealingKey: () => SealingPublicKey | null) {
    this.#db = LazyDatabase.of(db);
    this.#afterChange = afterChange;
    this.#worker = worker;
    this.#sealingKey = sealingKey;
  }

  /** The fields with contact details and equality answers sealed, before they go near IndexedDB (issue 13). */
  async #sealed<F extends DeviceConversationFields>(fields: F): Promise<F> {
    const { sealFields } = await import('./sealing');
    try {
      return await sealFields(fields, this.#sealingKey());
    } catch (error) {
      throw new SaveError((error as Error).message);
    }
  }

  /** The unlocked worker; every read and write here is theirs. */
  #workerId(): string {
    const workerId = this.#worker();
    if (!workerId) throw new SaveError('The tablet is locked. Unlock it with your PIN, then try again.');
    return workerId;
  }

  /**
   * Keeps `recentWardCodes` and `refused` current as the database changes, in this tab or another,
   * for the worker unlocked now: call again when another worker unlocks. Returns the way to stop.
   */
  watch(): () => void {
    const workerId = this.#worker();
    const stopRefused = this.#db.live(
      (db) => db.rejected.toArray(),
      (entries) => {
        const byConversation = new Map<string, string[]>();
        for (const entry of entries) {
          if (entry.change.workerId !== workerId) continue;
          byConversation.set(entry.conversationId, [...(byConversation.get(entry.conversationId) ?? []), entry.message]);
        }
        this.refused = byConversation;
      }
    );
    const stopRecent = this.#db.live(
      (db) => db.settings.get('recentWards'),
      (setting) => (this.recentWardCodes = setting ? JSON.parse(setting.value) : [])
    );
    return () => {
      stopRefused();
      stopRecent();
    };
  }

  /**
   * Keeps `list` (today's conversations and every one still waiting to sync, newest first) current
   * until the returned function is called: only pages that show the list pay for reading it.
   */
  watchList(): () => void {
    const workerId = this.#worker();
    return this.#db.live(
      async (db, { unsyncedConversationIds }) => {
        const startOfToday = new Date(new Date().setHours(0, 0, 0, 0)).toISOString();
        const [today, unsynced, refused] = await Promise.all([
          db.conversations.where('recordedAt').aboveOrEqual(startOfToday).filter((c) => c.workerId === workerId).toArray(),
          unsyncedConversationIds(db),
          db.rejected.orderBy('conversationId').uniqueKeys()
        ]);
        const todayIds = new Set(today.map((c) => c.id));
        const notSynced = new Set([...unsynced, ...(refused as string[])]);
        const older = (await db.conversations.bulkGet([...notSynced].filter((id) => !todayIds.has(id)))).filter(
          (c): c is StoredConversation => !!c && c.workerId === workerId
        );
        return [...today, ...older]
          .map((c) => ({ ...c, synced: !notSynced.has(c.id) }))
          .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
      },
      (list) => (this.list = list),
      () => import('./db/outbox')
    );
  }

  /** One of the worker's conversations on this tablet. */
  async get(id: string): Promise<StoredConversation | undefined> {
    const conversation = await (await this.#db.get()).conversations.get(id);
    return conversation?.workerId === this.#worker() ? conversation : undefined;
  }

  async saveNew(typed: DeviceConversationFields, now = new Date()): Promise<StoredConversation> {
    // User Timing, so the save can be measured in the browser's tools and in `npm run bench`.
    performance.mark('anchor:save-start');
    const workerId = this.#workerId();
    // A record with nothing said in it is refused here too, whatever form or script made it.
    if (!saysSomething(typed)) throw new SaveError(`${NOTHING_SAID_MESSAGE}.`);
    // Stamped with the tablet's clock: one reset to 1970 by a flat battery is said plainly, and the form kept.
    const clock = Instant.safeParse(now.toISOString());
    if (!clock.success) throw new SaveError(clock.error.issues[0].message);
    this.#firstDrafts = null;
    // Sealed first: WebCrypto's promises cannot run inside an IndexedDB transaction.
    const fields = await this.#sealed(typed);
    const saved = await guarded(async () => {
      const [db, { saveConversation }, { uuidv7 }] = await Promise.all([this.#db.get(), import('./db/conversations'), import('uuidv7')]);
      return db.transaction('rw', [db.conversations, db.outbox, db.repeatChanges, db.drafts, db.settings], async () => {
        // A new conversation holds nothing withheld: what the worker typed is checked whole (sealed parts as envelopes).
        const conversation = NewSealableConversation.parse({ ...fields, id: uuidv7(), recordedAt: now.toISOString() });
        const stored = await saveConversation(db, conversation, workerId, () => now);
        await db.drafts.delete(draftKey(workerId));
        return stored;
      });
    });
    performance.measure('anchor:save', 'anchor:save-start');
    await this.#rememberWard(fields.wardCode).catch(() => undefined);
    this.#afterChange();
    return saved;
  }

  /** Saves an edit; a conversation the server had refused is sent again as it now is. */
  async edit(id: string, typed: DeviceConversationFields): Promise<void> {
    const workerId = this.#workerId();
    const fields = await this.#sealed(typed);
    await guarded(async () => {
      const [db, { editConversation }, { resendRejected }, { uuidv7 }] = await Promise.all([
        this.#db.get(),
        import('./db/conversations'),
        import('./db/outbox'),
        import('uuidv7')
      ]);
      await editConversation(db, id, fields, workerId);
      await resendRejected(db, id, workerId, uuidv7);
    });
    this.#afterChange();
  }

  /** The conversation and why the server refused it, as a file the worker can keep or send on. */
  async exportRefused(id: string): Promise<Blob> {
    const [conversation, refused] = await Promise.all([
      this.get(id),
      this.#db.get().then((db) => db.rejected.where('conversationId').equals(id).toArray())
    ]);
    const body = { conversation, refusedChanges: refused.map(({ change, message, rejectedAt }) => ({ change, message, rejectedAt })) };
    return new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' });
  }

  async remove(id: string): Promise<void> {
    const workerId = this.#workerId();
    await guarded(async () => {
      const [db, { deleteConversation }] = await Promise.all([this.#db.get(), import('./db/conversations')]);
      await deleteConversation(db, id, workerId);
      await db.rejected.where('conversationId').equals(id).delete();
    });
    this.#afterChange();
  }

  /**
   * What was read at app start, before Dexie loaded (first-look.ts): the capture form opens on the
   * worker's draft and recent wards without waiting for Dexie. Every write goes through Dexie, so
   * until it is here, or this page writes a draft, or another worker unlocks (whose unlock may
   * adopt a draft), the drafts read then are the drafts kept now.
   */
  showFirstLook(drafts: Draft[], recentWards: string | undefined): void {
    this.#firstDrafts = { workerId: this.#worker(), drafts };
    void this.#db.get().then(
      () => (this.#firstDrafts = null),
      () => undefined
    );
    if (recentWards && this.recentWardCodes.length === 0) this.recentWardCodes = JSON.parse(recentWards);
  }

  async loadDraft(): Promise<{ values: DraftValues; updatedAt: string } | null> {
    const workerId = this.#worker();
    if (!workerId) return null;
    const key = draftKey(workerId);
    // Nothing this page wrote is missing from the first look, so it holds the draft as kept.
    const draft =
      this.#firstDrafts?.workerId === workerId ? this.#firstDrafts.drafts.find((d) => d.key === key) : await (await this.#db.get()).drafts.get(key);
    return draft ? { values: draft.values as unknown as DraftValues, updatedAt: draft.updatedAt } : null;
  }

  /**
   * Keeps the form as typed, contact details and equality answers sealed (issue 13); called on
   * every change, so a closed tab loses at most the last keystroke.
   */
  async keepDraft(values: DraftValues): Promise<void> {
    const key = draftKey(this.#workerId());
    const [{ sealDraft }, db] = await Promise.all([import('./sealing'), this.#db.get()]);
    const kept = await sealDraft(values, this.#sealingKey());
    this.#firstDrafts = null;
    await db.drafts.put({ key, values: kept as unknown as Record<string, unknown>, updatedAt: new Date().toISOString() });
  }

  async discardDraft(): Promise<void> {
    const key = draftKey(this.#workerId());
    this.#firstDrafts = null;
    await (await this.#db.get()).drafts.delete(key);
  }

  /** The ward at the device's position, from the boundaries cached on it: works offline. */
  async locate(geolocation: Geolocation | undefined): Promise<LocationOutcome> {
    const boundaries = await (await this.#db.get()).wardBoundaries.toArray();
    if (boundaries.length === 0) return { found: false, message: LOCATION_MESSAGES.noBoundaries };
    const position = await currentPosition(geolocation);
    if ('message' in position) return { found: false, message: position.message };
    // Loaded on first use: most workers pick the ward from the list.
    const { locateWard } = await import('$lib/map/locate-ward');
    const wardCode = locateWard(boundaries, position.longitude, position.latitude);
    return wardCode ? { found: true, wardCode } : { found: false, message: LOCATION_MESSAGES.outside };
  }

  async #rememberWard(code: string): Promise<void> {
    const recent = [code, ...this.recentWardCodes.filter((c) => c !== code)].slice(0, RECENT_WARDS);
    await (await this.#db.get()).settings.put({ key: 'recentWards', value: JSON.stringify(recent) });
  }
}
