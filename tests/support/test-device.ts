import { uuidv7 } from 'uuidv7';
import { deleteConversation, editConversation, saveConversation } from '../../src/lib/client/db/conversations';
import { DeviceDatabase, type StoredConversation } from '../../src/lib/client/db/database';
import { syncOnce, type SyncOutcome } from '../../src/lib/client/sync/sync-engine';
import type { Conversation, ConversationFields, DeviceConversation } from '../../src/lib/domain/conversation';
import type { SeededTablet } from './seed-network';

/** Who uses a test tablet: its enrolment (credential and organisation) and the worker who unlocked it. */
export interface TestTabletIdentity {
  tablet: Pick<SeededTablet, 'credential' | 'organisationId'>;
  workerId: string;
}

/**
 * A tablet for sync tests: the app's own database (Dexie over fake-indexeddb) and sync engine,
 * talking to `baseUrl` with its device credential, with a switch for being offline.
 */
export class TestDevice {
  readonly id = uuidv7();
  readonly db = new DeviceDatabase(`device-${this.id}`);
  online = true;
  #syncing = false;

  constructor(
    private readonly baseUrl: () => string,
    private readonly random: () => number,
    private readonly identity: TestTabletIdentity
  ) {}

  #fetch: typeof fetch = async (input, init) => {
    if (!this.online) throw new TypeError('Failed to fetch: offline');
    const headers = new Headers(init?.headers);
    headers.set('cookie', `al_device=${this.identity.tablet.credential}`);
    return fetch(new URL(String(input), this.baseUrl()), { ...init, headers });
  };

  /** Saves a conversation as the tablet's worker, for the tablet's organisation where it names none. */
  save(conversation: Conversation): Promise<StoredConversation> {
    const organisationId = conversation.organisationId ?? this.identity.tablet.organisationId;
    return saveConversation(this.db, { ...conversation, organisationId }, this.identity.workerId);
  }

  async edit(id: string, change: Partial<ConversationFields>): Promise<void> {
    const current = await this.db.conversations.get(id);
    if (!current) throw new Error(`Device ${this.id} does not have ${id}`);
    const { id: _, recordedAt: __, savedAt: ___, revision: ____, workerId: _____, ...fields } = current;
    await editConversation(this.db, id, { ...fields, ...change }, this.identity.workerId);
  }

  remove(id: string): Promise<void> {
    return deleteConversation(this.db, id, this.identity.workerId);
  }

  sync(): Promise<SyncOutcome | null> {
    return syncOnce({
      db: this.db,
      fetch: this.#fetch,
      workerId: this.identity.workerId,
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
      random: this.random,
      exclusive: async (work) => {
        if (this.#syncing) return null;
        this.#syncing = true;
        try {
          return await work();
        } finally {
          this.#syncing = false;
        }
      },
      timeoutMs: 3_000,
      maxAttempts: 8,
      maxBatchChanges: 50,
      pageSize: 200
    });
  }

  /** Syncs until nothing waits and a pull found nothing new, riding out faults along the way. */
  async syncUntilSettled(rounds = 30): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      const outcome = await this.sync().catch(() => null);
      if (outcome && outcome.pulled === 0 && (await this.db.outbox.count()) === 0) return;
    }
    throw new Error(`Device ${this.id} did not settle: ${await this.db.outbox.count()} changes still waiting`);
  }

  async conversations(): Promise<DeviceConversation[]> {
    const stored = await this.db.conversations.orderBy('id').toArray();
    return stored.map(({ savedAt: _, revision: __, workerId: ___, ...conversation }) => conversation);
  }

  close(): Promise<void> {
    return this.db.delete();
  }
}
