import { Dexie, type EntityTable } from 'dexie';
import type { DeviceConversation } from '$lib/domain/conversation';
import type { RosterWorker } from '$lib/domain/device';
import type { PushedChange } from '$lib/domain/protocol';
import type { ReferenceData } from '$lib/domain/network';
import type { WardMapData } from '$lib/domain/ward-map';
import { DATABASE_NAME } from './database-name';
import { upgradeToVersion2 } from './upgrades';

export { DATABASE_NAME };

/**
 * A conversation as kept on the device: when it was saved here, the server's revision this copy
 * is based on (1 until a pull brings a later one, sent with edits so concurrent edits are told
 * apart) and the worker who recorded it (absent only on conversations saved before accounts, until
 * the first worker unlocks the tablet). One pulled back from the server has its contact details
 * and equality answers withheld.
 */
export interface StoredConversation extends DeviceConversation {
  savedAt: string;
  revision: number;
  workerId?: string;
}

/**
 * A change waiting to be pushed, in the order made (uuidv7 ids sort by time); dropped only once
 * the server acknowledged it (SYNC-SPEC S3). Edits and deletes are appended, never rewritten.
 */
export interface OutboxEntry {
  changeId: string;
  conversationId: string;
  queuedAt: string;
  change: PushedChange;
}

/**
 * A conversation with more than one change waiting, and how many beyond the first. Conversations
 * waiting = outbox entries − the sum of these, two cheap reads however long the outbox is.
 */
export interface RepeatChanges {
  conversationId: string;
  extra: number;
}

/** A change the server refused as invalid, kept with its reason until the worker fixes or exports it. */
export interface RejectedEntry extends OutboxEntry {
  message: string;
  rejectedAt: string;
}

/**
 * A record a pull brought that this app cannot read (SYNC-SPEC S9): kept aside with the reason in
 * plain words, shown on the device page, so the rest of the pull goes on. A later readable copy
 * of the same record takes its place.
 */
export interface UnreadableRecord {
  /** The record's id as the server sent it (or `unknown-<cursor>-<place on the page>` when it had none that could be read). */
  id: string;
  /** The worker whose pull brought it. */
  workerId: string;
  reason: string;
  receivedAt: string;
  /** The record as received, as JSON (cut at 20,000 characters), for whoever looks into it. */
  record: string;
}

export interface CachedReferenceData {
  key: 'current';
  data: ReferenceData;
  fetchedAt: string;
}

export interface CachedWardBoundary {
  code: string;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** The last ward-map answer for one set of filters (`mapFiltersKey`), so the map opens offline. */
export interface CachedMapData {
  key: string;
  data: WardMapData;
  etag: string;
  fetchedAt: string;
}

/**
 * The capture form as last typed, so nothing is lost when the tab closes: one per worker
 * (`new-conversation:<workerId>`); `new-conversation` is one saved before accounts.
 */
export interface Draft {
  key: string;
  values: Record<string, unknown>;
  updatedAt: string;
}

/** A worker of the tablet's organisation, with their PIN hash and the wrong PINs typed here since the last sync. */
export interface StoredWorker extends RosterWorker {
  failedPins: number;
}

/** What the device keeps by key; 'deviceId' and the network-wide 'pullCursor' are kept from versions before accounts. */
export interface DeviceSetting {
  key:
    | 'deviceId'
    | 'pullCursor'
    | 'lastSyncedAt'
    | 'recentWards'
    | 'boundariesEtag'
    | 'enrolment'
    | 'unlocked'
    | 'idleLockMinutes'
    | 'deviceState'
    | 'session'
    | 'codeBlocks'
    | `pullCursor:${string}`;
  value: string;
}

/** Schema of each version, kept so tests can make a database exactly as an older app did. */
export const SCHEMA_VERSIONS = {
  1: {
    conversations: 'id, wardCode, recordedAt, savedAt',
    outbox: 'changeId',
    referenceData: 'key',
    settings: 'key'
  },
  2: {
    conversations: 'id, wardCode, recordedAt, savedAt',
    outbox: 'changeId, conversationId',
    repeatChanges: 'conversationId',
    rejected: 'changeId, conversationId',
    referenceData: 'key',
    wardBoundaries: 'code',
    drafts: 'key',
    settings: 'key'
  },
  // Only what changed: Dexie keeps every table an earlier version declared.
  3: {
    mapData: 'key, fetchedAt'
  },
  // Accounts (issue 10): conversations by the worker who recorded them; the tablet's workers.
  4: {
    conversations: 'id, wardCode, recordedAt, savedAt, workerId',
    workers: 'id'
  },
  // Records a pull could not read, set aside so the pull goes on (issue 11).
  5: {
    unreadable: 'id, workerId'
  }
} as const;

export class DeviceDatabase extends Dexie {
  conversations!: EntityTable<StoredConversation, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'changeId'>;
  repeatChanges!: EntityTable<RepeatChanges, 'conversationId'>;
  rejected!: EntityTable<RejectedEntry, 'changeId'>;
  referenceData!: EntityTable<CachedReferenceData, 'key'>;
  wardBoundaries!: EntityTable<CachedWardBoundary, 'code'>;
  drafts!: EntityTable<Draft, 'key'>;
  mapData!: EntityTable<CachedMapData, 'key'>;
  workers!: EntityTable<StoredWorker, 'id'>;
  unreadable!: EntityTable<UnreadableRecord, 'id'>;
  settings!: EntityTable<DeviceSetting, 'key'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_VERSIONS[1]);
    this.version(2).stores(SCHEMA_VERSIONS[2]).upgrade(upgradeToVersion2);
    // Version 3 adds the map's kept figures; nothing to move.
    this.version(3).stores(SCHEMA_VERSIONS[3]);
    // Nothing to move: conversations saved before accounts are given to the first worker who unlocks (tablet.ts).
    this.version(4).stores(SCHEMA_VERSIONS[4]);
    // A new table; nothing to move.
    this.version(5).stores(SCHEMA_VERSIONS[5]);
  }
}
