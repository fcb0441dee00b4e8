import type { CachedReferenceData, DeviceDatabase, DeviceSetting, Draft, StoredWorker } from './database';
import { DATABASE_NAME } from './database-name';

/**
 * What the first screen needs from the device database, read with bare IndexedDB so the page
 * renders before Dexie (about 30 KB gzip) has loaded. Dexie keeps plain objects, so what is read
 * here has the shapes Dexie's reads give. Read-only, and out of Dexie's way: it never creates or
 * upgrades the database, and closes as soon as it has read (or when Dexie asks to upgrade).
 */

/** The settings the first screen shows or decides on. */
const KEYS = ['session', 'enrolment', 'deviceState', 'unlocked', 'idleLockMinutes', 'lastSyncedAt', 'recentWards'] as const;

export type FirstLookSetting = (typeof KEYS)[number] & DeviceSetting['key'];

export interface FirstLook {
  /** Setting values by key; a key never written is absent. */
  settings: Partial<Record<FirstLookSetting, string>>;
  workers: StoredWorker[];
  reference: CachedReferenceData | undefined;
  /** Every worker's draft (one each at most): whose applies is decided once the tablet's worker is known. */
  drafts: Draft[];
}

export const EMPTY_LOOK: FirstLook = { settings: {}, workers: [], reference: undefined, drafts: [] };

/**
 * Reads the first look; an empty one when the database does not exist yet (Dexie creates it
 * later), and null when IndexedDB failed, so the caller reads through Dexie instead.
 */
export function readFirstLook(factory: IDBFactory | undefined = globalThis.indexedDB, name = DATABASE_NAME): Promise<FirstLook | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: opens whatever version is there, so Dexie's schema stays Dexie's alone.
      request = factory!.open(name);
    } catch {
      return resolve(null);
    }
    let absent = false;
    request.onupgradeneeded = () => {
      // Only a database that did not exist asks to be upgraded from no version: aborting leaves it uncreated.
      absent = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault(); // the abort above, or a browser that refuses IndexedDB: said by resolving
      resolve(absent ? EMPTY_LOOK : null);
    };
    request.onsuccess = () => {
      const db = request.result;
      if (absent) {
        db.close(); // the abort did not take: nothing to read all the same
        return resolve(EMPTY_LOOK);
      }
      // Dexie opening a newer version waits for every open connection: this one steps aside at once.
      db.onversionchange = () => db.close();
      read(db).then(resolve, () => resolve(null)).finally(() => db.close());
    };
  });
}

/** One read-only transaction over the stores this database has (an old one may lack some). */
function read(db: IDBDatabase): Promise<FirstLook> {
  const wanted = ['settings', 'workers', 'referenceData', 'drafts'].filter((store) => db.objectStoreNames.contains(store));
  if (wanted.length === 0) return Promise.resolve(EMPTY_LOOK);
  return new Promise((resolve, reject) => {
    const tx = db.transaction(wanted, 'readonly');
    const look: FirstLook = { settings: {}, workers: [], reference: undefined, drafts: [] };
    const get = <T>(store: string, ask: (store: IDBObjectStore) => IDBRequest<T>, keep: (value: T) => void) => {
      if (!wanted.includes(store)) return;
      const request = ask(tx.objectStore(store));
      request.onsuccess = () => keep(request.result);
    };
    for (const key of KEYS) {
      get<DeviceSetting | undefined>('settings', (store) => store.get(key), (setting) => {
        if (setting) look.settings[key] = setting.value;
      });
    }
    get<StoredWorker[]>('workers', (store) => store.getAll(), (workers) => (look.workers = workers));
    get<CachedReferenceData | undefined>('referenceData', (store) => store.get('current'), (cached) => (look.reference = cached));
    get<Draft[]>('drafts', (store) => store.getAll(), (drafts) => (look.drafts = drafts));
    tx.oncomplete = () => resolve(look);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** The same look read through Dexie: when the bare read failed, and for reloading with Dexie at hand. */
export async function lookThrough(db: DeviceDatabase): Promise<FirstLook> {
  const [settings, workers, reference, drafts] = await Promise.all([
    db.settings.bulkGet([...KEYS]),
    db.workers.toArray(),
    db.referenceData.get('current'),
    db.drafts.toArray()
  ]);
  const look: FirstLook = { settings: {}, workers, reference, drafts };
  KEYS.forEach((key, i) => {
    if (settings[i]) look.settings[key] = settings[i].value;
  });
  return look;
}
