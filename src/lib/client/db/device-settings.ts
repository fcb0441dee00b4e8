import type { DeviceDatabase } from './database';

export async function getLastSyncedAt(db: DeviceDatabase): Promise<string | null> {
  return (await db.settings.get('lastSyncedAt'))?.value ?? null;
}

export async function setLastSyncedAt(db: DeviceDatabase, at: string): Promise<void> {
  await db.settings.put({ key: 'lastSyncedAt', value: at });
}
