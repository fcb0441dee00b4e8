import { uuidv7 } from 'uuidv7';
import type { DeviceDatabase } from './database';

/** This device's id, made once and kept: every push carries it. */
export async function getDeviceId(db: DeviceDatabase): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const existing = await db.settings.get('deviceId');
    if (existing) return existing.value;
    const deviceId = uuidv7();
    await db.settings.put({ key: 'deviceId', value: deviceId });
    return deviceId;
  });
}

export async function getLastSyncedAt(db: DeviceDatabase): Promise<string | null> {
  return (await db.settings.get('lastSyncedAt'))?.value ?? null;
}

export async function setLastSyncedAt(db: DeviceDatabase, at: string): Promise<void> {
  await db.settings.put({ key: 'lastSyncedAt', value: at });
}
