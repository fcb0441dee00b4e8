import { liveQuery } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { NewConversation, NOTHING_SAID_MESSAGE, saysSomething, type SharedConversationFields } from '$lib/domain/conversation';
import { Instant } from '$lib/domain/instant';
import { syncErrorMessage } from '$lib/domain/sync-error';
import type { DraftValues } from './conversation-draft.svelte';
import { deleteConversation, editConversation, saveConversation } from './db/conversations';
import type { DeviceDatabase, StoredConversation } from './db/database';
import { resendRejected, unsyncedConversationIds } from './db/outbox';
import { draftKey } from './db/tablet';
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

  #db: DeviceDatabase;
  #afterChange: () => void;
  #worker: () => string | null;

  constructor(db: DeviceDatabase, afterChange: () => void, worker: () => string | null) {
    this.#db = db;
    this.#afterChange = afterChange;
    this.#worker = worker;
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
    const refused = liveQuery(() => this.#db.rejected.toArray()).subscribe((entries) => {
      const byConversation = new Map<string, string[]>();
      for (const entry of entries) {
        if (entry.change.workerId !== workerId) continue;
        byConversation.set(entry.conversationId, [...(byConversation.get(entry.conversationId) ?? []), entry.message]);
      }
      this.refused = byConversation;
    });
    const recent = liveQuery(() => this.#db.settings.get('recentWards')).subscribe(
      (setting) => (this.recentWardCodes = setting ? JSON.parse(setting.value) : [])
    );
    return () => {
      refused.unsubscribe();
      recent.unsubscribe();
    };
  }

  /**
   * Keeps `list` (today's conversations and every one still waiting to sync, newest first) current
   * until the returned function is called: only pages that show the list pay for reading it.
   */
  watchList(): () => void {
    const workerId = this.#worker();
    const subscription = liveQuery(async () => {
      const startOfToday = new Date(new Date().setHours(0, 0, 0, 0)).toISOString();
      const [today, unsynced, refused] = await Promise.all([
        this.#db.conversations.where('recordedAt').aboveOrEqual(startOfToday).filter((c) => c.workerId === workerId).toArray(),
        unsyncedConversationIds(this.#db),
        this.#db.rejected.orderBy('conversationId').uniqueKeys()
      ]);
      const todayIds = new Set(today.map((c) => c.id));
      const notSynced = new Set([...unsynced, ...(refused as string[])]);
      const older = (await this.#db.conversations.bulkGet([...notSynced].filter((id) => !todayIds.has(id)))).filter(
        (c): c is StoredConversation => !!c && c.workerId === workerId
      );
      return [...today, ...older]
        .map((c) => ({ ...c, synced: !notSynced.has(c.id) }))
        .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
    }).subscribe((list) => (this.list = list));
    return () => subscription.unsubscribe();
  }

  /** One of the worker's conversations on this tablet. */
  async get(id: string): Promise<StoredConversation | undefined> {
    const conversation = await this.#db.conversations.get(id);
    return conversation?.workerId === this.#worker() ? conversation : undefined;
  }

  async saveNew(fields: SharedConversationFields, now = new Date()): Promise<StoredConversation> {
    // User Timing, so the save can be measured in the browser's tools and in `npm run bench`.
    performance.mark('anchor:save-start');
    const workerId = this.#workerId();
    // A record with nothing said in it is refused here too, whatever form or script made it.
    if (!saysSomething(fields)) throw new SaveError(`${NOTHING_SAID_MESSAGE}.`);
    // Stamped with the tablet's clock: one reset to 1970 by a flat battery is said plainly, and the form kept.
    const clock = Instant.safeParse(now.toISOString());
    if (!clock.success) throw new SaveError(clock.error.issues[0].message);
    const saved = await guarded(() =>
      this.#db.transaction('rw', [this.#db.conversations, this.#db.outbox, this.#db.repeatChanges, this.#db.drafts, this.#db.settings], async () => {
        // A new conversation holds nothing withheld: what the worker typed is checked whole.
        const conversation = NewConversation.parse({ ...fields, id: uuidv7(), recordedAt: now.toISOString() });
        const stored = await saveConversation(this.#db, conversation, workerId, () => now);
        await this.#db.drafts.delete(draftKey(workerId));
        return stored;
      })
    );
    performance.measure('anchor:save', 'anchor:save-start');
    await this.#rememberWard(fields.wardCode).catch(() => undefined);
    this.#afterChange();
    return saved;
  }

  /** Saves an edit; a conversation the server had refused is sent again as it now is. */
  async edit(id: string, fields: SharedConversationFields): Promise<void> {
    const workerId = this.#workerId();
    await guarded(async () => {
      await editConversation(this.#db, id, fields, workerId);
      await resendRejected(this.#db, id, workerId, uuidv7);
    });
    this.#afterChange();
  }

  /** The conversation and why the server refused it, as a file the worker can keep or send on. */
  async exportRefused(id: string): Promise<Blob> {
    const [conversation, refused] = await Promise.all([
      this.get(id),
      this.#db.rejected.where('conversationId').equals(id).toArray()
    ]);
    const body = { conversation, refusedChanges: refused.map(({ change, message, rejectedAt }) => ({ change, message, rejectedAt })) };
    return new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' });
  }

  async remove(id: string): Promise<void> {
    const workerId = this.#workerId();
    await guarded(async () => {
      await deleteConversation(this.#db, id, workerId);
      await this.#db.rejected.where('conversationId').equals(id).delete();
    });
    this.#afterChange();
  }

  async loadDraft(): Promise<{ values: DraftValues; updatedAt: string } | null> {
    const workerId = this.#worker();
    const draft = workerId ? await this.#db.drafts.get(draftKey(workerId)) : undefined;
    return draft ? { values: draft.values as unknown as DraftValues, updatedAt: draft.updatedAt } : null;
  }

  /** Keeps the form as typed; called on every change, so a closed tab loses at most the last keystroke. */
  async keepDraft(values: DraftValues): Promise<void> {
    const key = draftKey(this.#workerId());
    await this.#db.drafts.put({ key, values: values as unknown as Record<string, unknown>, updatedAt: new Date().toISOString() });
  }

  async discardDraft(): Promise<void> {
    await this.#db.drafts.delete(draftKey(this.#workerId()));
  }

  /** The ward at the device's position, from the boundaries cached on it: works offline. */
  async locate(geolocation: Geolocation | undefined): Promise<LocationOutcome> {
    const boundaries = await this.#db.wardBoundaries.toArray();
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
    await this.#db.settings.put({ key: 'recentWards', value: JSON.stringify(recent) });
  }
}
