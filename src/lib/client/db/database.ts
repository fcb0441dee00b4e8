import { Dexie, type EntityTable } from 'dexie';
import type { Change } from '$lib/domain/protocol';
import type { Conversation } from '$lib/domain/conversation';
import type { ReferenceData } from '$lib/domain/network';

/** A conversation as kept on the device, with when it was saved here. */
export interface StoredConversation extends Conversation {
  savedAt: string;
}

/** A change waiting to be pushed, in the order made (uuidv7 ids sort by time); dropped only once
 * the server acknowledged it (SYNC-SPEC S3). */
export interface OutboxEntry {
  changeId: string;
  queuedAt: string;
  change: Change;
}

export interface CachedReferenceData {
  key: 'current';
  data: ReferenceData;
  fetchedAt: string;
}

export interface DeviceSetting {
  key: 'deviceId' | 'lastSyncedAt';
  value: string;
}

export const DATABASE_NAME = 'anchor-listening';

export class DeviceDatabase extends Dexie {
  conversations!: EntityTable<StoredConversation, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'changeId'>;
  referenceData!: EntityTable<CachedReferenceData, 'key'>;
  settings!: EntityTable<DeviceSetting, 'key'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      conversations: 'id, wardCode, recordedAt, savedAt',
      outbox: 'changeId',
      referenceData: 'key',
      settings: 'key'
    });
  }
}
